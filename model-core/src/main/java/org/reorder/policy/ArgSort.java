package org.reorder.policy;

/**
 * Stable descending argsort of a {@code double[]} without boxing or comparisons: an LSD radix sort
 * (8-bit digits) of the keys mapped to order-preserving 64-bit integers, carrying the indices
 * along. Being stable and starting from ascending indices, equal keys keep ascending index order,
 * the tie rule of {@link PlackettLucePolicy#mode()}. O(N) per digit, at most 8 digits; digits
 * that are equal in every key (typically the sign and exponent bytes) are skipped. Short arrays
 * use insertion sort.
 */
final class ArgSort {
  private static final int INSERTION_MAX = 64;
  private static final int RADIX = 256;

  private ArgSort() {}

  /**
   * The indices of {@code keys} ordered by decreasing key, ties by increasing index. Keys must not
   * be NaN (callers guarantee finite values); -0.0 and 0.0 count as equal.
   */
  static int[] descending(double[] keys) {
    int n = keys.length;
    long[] k = new long[n];
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      k[i] = descendingBits(keys[i]);
      idx[i] = i;
    }
    if (n <= INSERTION_MAX) {
      insertionSort(k, idx);
      return idx;
    }
    int[][] counts = new int[8][RADIX];
    for (long key : k) {
      for (int d = 0; d < 8; d++) {
        counts[d][(int) (key >>> (8 * d)) & 0xFF]++;
      }
    }
    long[] kOut = new long[n];
    int[] iOut = new int[n];
    for (int d = 0; d < 8; d++) {
      int[] count = counts[d];
      if (count[(int) (k[0] >>> (8 * d)) & 0xFF] == n) {
        continue; // every key has this digit: the pass would not move anything
      }
      int offset = 0;
      for (int b = 0; b < RADIX; b++) {
        int c = count[b];
        count[b] = offset;
        offset += c;
      }
      for (int i = 0; i < n; i++) {
        int pos = count[(int) (k[i] >>> (8 * d)) & 0xFF]++;
        kOut[pos] = k[i];
        iOut[pos] = idx[i];
      }
      long[] kt = k;
      k = kOut;
      kOut = kt;
      int[] it = idx;
      idx = iOut;
      iOut = it;
    }
    return idx;
  }

  /**
   * An unsigned 64-bit integer that is smaller for larger doubles: the IEEE bits with the sign bit
   * flipped (positives) or all bits flipped (negatives) sort ascending like the values; the final
   * complement makes the order descending. {@code + 0.0} turns -0.0 into 0.0.
   */
  private static long descendingBits(double value) {
    long bits = Double.doubleToRawLongBits(value + 0.0);
    long ascending = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    return ~ascending;
  }

  private static void insertionSort(long[] k, int[] idx) {
    for (int i = 1; i < k.length; i++) {
      long key = k[i];
      int id = idx[i];
      int j = i - 1;
      // only strictly larger (unsigned) keys move right: equal keys keep index order
      while (j >= 0 && Long.compareUnsigned(k[j], key) > 0) {
        k[j + 1] = k[j];
        idx[j + 1] = idx[j];
        j--;
      }
      k[j + 1] = key;
      idx[j + 1] = id;
    }
  }
}
