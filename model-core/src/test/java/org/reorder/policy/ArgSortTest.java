package org.reorder.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArgSortTest {

  @Test
  void matchesAStableBoxedSortIncludingTies() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int n : new int[] {1, 2, 31, 32, 33, 64, 100, 1000, 4097}) {
      double[] ties = new double[n];
      double[] spread = new double[n];
      for (int i = 0; i < n; i++) {
        // few distinct values: many ties, in every radix digit
        ties[i] = rng.nextInt(Math.max(1, n / 8)) - 0.5 * rng.nextInt(2) - n / 16;
        // both signs, exponents from 1e-300 to 1e300
        spread[i] = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, rng.nextInt(-300, 300))
            * rng.nextDouble();
      }
      assertArrayEquals(stableBoxedArgsort(ties), ArgSort.descending(ties), "ties n=" + n);
      assertArrayEquals(stableBoxedArgsort(spread), ArgSort.descending(spread), "spread n=" + n);
    }
  }

  @Test
  void negativeZeroTiesWithZero() {
    assertArrayEquals(new int[] {1, 0, 2, 3}, ArgSort.descending(new double[] {-0.0, 1, 0.0, -1}));
    assertArrayEquals(new int[] {1, 0, 2, 3}, ArgSort.descending(new double[] {0.0, 1, -0.0, -1}));
  }

  /** java.util's object sort is stable: equal keys keep ascending index order. */
  private static int[] stableBoxedArgsort(double[] keys) {
    Integer[] order = new Integer[keys.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> keys[i]).reversed());
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
