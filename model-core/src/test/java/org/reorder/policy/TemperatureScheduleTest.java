package org.reorder.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.reorder.policy.PlackettLucePolicyTest.assertMessage;

import org.junit.jupiter.api.Test;

class TemperatureScheduleTest {
  private static final int TOTAL = 101; // phase fraction f = step / 100

  private static double at(String name, int step) {
    return TemperatureSchedule.of(name, 0.2, 10).temperature(step, TOTAL);
  }

  @Test
  void perStepShapesAtKnownSteps() {
    double[][] triangle = {{0, 0}, {25, 0.1}, {50, 0.2}, {75, 0.1}, {100, 0}};
    double[][] linear = {{0, 0.2}, {50, 0.1}, {100, 0}};
    double[][] exponential = {{0, 0.2}, {50, 0.2 / Math.sqrt(1000)}, {100, 0.0002}};
    double[][] plateau = {{0, 0}, {10, 0.08}, {25, 0.2}, {50, 0.2}, {75, 0.2}, {90, 0.08}, {100, 0}};
    check("triangle", triangle);
    check("linear", linear);
    check("exponential", exponential);
    check("plateau", plateau);
  }

  private static void check(String name, double[][] expected) {
    for (double[] e : expected) {
      assertEquals(e[1], at(name, (int) e[0]), 1e-15, name + " at step " + (int) e[0]);
    }
  }

  @Test
  void referencePerEpochReadsTheStepTableByEpochNumber() {
    // 10 steps per epoch: steps 0..9 read entry 0, steps 10..19 entry 1 = 0.2 * 2/100, ...
    check("reference-per-epoch", new double[][] {{0, 0}, {9, 0}, {10, 0.004}, {19, 0.004},
        {99, 0.036}, {100, 0.04}});
    // At paper scale (30 policy epochs of 5005 steps) it never exceeds 0.002.
    TemperatureSchedule paper = TemperatureSchedule.of("reference-per-epoch", 0.2, 5005);
    double max = 0;
    for (int step = 0; step < 30 * 5005; step++) {
      max = Math.max(max, paper.temperature(step, 30 * 5005));
    }
    assertEquals(0.2 * 2 * 29 / (30 * 5005 - 1), max, 1e-15);
    assertTrue(max < 0.002);
  }

  @Test
  void aOneStepPhaseIsItsStartingValue() {
    assertEquals(0, TemperatureSchedule.of("triangle", 0.2, 1).temperature(0, 1));
    assertEquals(0.2, TemperatureSchedule.of("linear", 0.2, 1).temperature(0, 1));
  }

  @Test
  void rejectsUnknownNamesAndStepsOutsideThePhase() {
    assertMessage(
        "unknown temperature schedule 'cosine'; known: triangle, linear, exponential, plateau, "
            + "reference-per-epoch",
        assertThrows(IllegalArgumentException.class, () -> at("cosine", 0)));
    assertMessage("step 101 outside [0, 101)",
        assertThrows(IllegalArgumentException.class, () -> at("triangle", 101)));
    assertMessage("steps per epoch must be >= 1",
        assertThrows(IllegalArgumentException.class,
            () -> TemperatureSchedule.of("triangle", 0.2, 0)));
    assertEquals(TemperatureSchedule.Shape.PLATEAU, TemperatureSchedule.Shape.fromName("Plateau"));
  }
}
