package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BootstrapTest {

  @Test
  void matchesTheExactBootstrapDistributionOfTwoValues() {
    // Resampling {1, 0} with replacement gives the means 1, .5, .5, 0 with equal probability:
    // their standard deviation is sqrt(1/8) exactly.
    double se = Bootstrap.standardError(new double[] {1, 0}, 200_000, 1);
    assertEquals(Math.sqrt(0.125), se, 0.002);
  }

  @Test
  void matchesThePlugInStandardErrorOfAProportion() {
    double[] x = new double[40];
    for (int i = 0; i < 10; i++) {
      x[i] = 1; // p = 0.25
    }
    double exact = Math.sqrt(0.25 * 0.75 / 40);
    assertEquals(exact, Bootstrap.standardError(x, 50_000, 3), exact * 0.02);
  }

  @Test
  void constantValuesHaveNoErrorAndSeedsRepeat() {
    assertEquals(0.0, Bootstrap.standardError(new double[] {1, 1, 1}, 100, 5), 0);
    double[] x = {0.3, 0.9, 0.1, 0.5};
    assertEquals(Bootstrap.standardError(x, 500, 9), Bootstrap.standardError(x, 500, 9), 0);
  }
}
