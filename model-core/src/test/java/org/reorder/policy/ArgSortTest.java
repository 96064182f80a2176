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
      double[] keys = new double[n];
      for (int i = 0; i < n; i++) {
        // few distinct values: many ties across run and merge boundaries
        keys[i] = rng.nextInt(Math.max(1, n / 8)) - 0.5 * rng.nextInt(2);
      }
      Integer[] expected = new Integer[n];
      Arrays.setAll(expected, i -> i);
      // java.util's object sort is stable: equal keys keep ascending index order
      Arrays.sort(expected, Comparator.comparingDouble((Integer i) -> keys[i]).reversed());
      assertArrayEquals(
          Arrays.stream(expected).mapToInt(Integer::intValue).toArray(),
          ArgSort.descending(keys), "n=" + n);
    }
  }
}
