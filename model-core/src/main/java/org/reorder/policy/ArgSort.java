package org.reorder.policy;

/**
 * Stable descending argsort of a {@code double[]} without boxing: a bottom-up merge sort of
 * (key, index) pairs kept in parallel primitive arrays. Equal keys keep ascending index order,
 * which is the tie rule of {@link PlackettLucePolicy#mode()}. O(N log N), 4 scratch arrays.
 */
final class ArgSort {
  /** Runs shorter than this are insertion-sorted before merging. */
  private static final int RUN = 32;

  private ArgSort() {}

  /**
   * The indices of {@code keys} ordered by decreasing key, ties by increasing index. Keys must not
   * be NaN (callers guarantee finite values).
   */
  static int[] descending(double[] keys) {
    int n = keys.length;
    double[] k = keys.clone();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int lo = 0; lo < n; lo += RUN) {
      insertionSort(k, idx, lo, Math.min(lo + RUN, n));
    }
    double[] kBuf = new double[n];
    int[] iBuf = new int[n];
    for (int width = RUN; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        merge(k, idx, kBuf, iBuf, lo, mid, hi);
      }
      double[] kt = k;
      k = kBuf;
      kBuf = kt;
      int[] it = idx;
      idx = iBuf;
      iBuf = it;
    }
    return idx;
  }

  private static void insertionSort(double[] k, int[] idx, int lo, int hi) {
    for (int i = lo + 1; i < hi; i++) {
      double key = k[i];
      int id = idx[i];
      int j = i - 1;
      // strictly smaller keys move right: equal keys stay in index order (stability)
      while (j >= lo && k[j] < key) {
        k[j + 1] = k[j];
        idx[j + 1] = idx[j];
        j--;
      }
      k[j + 1] = key;
      idx[j + 1] = id;
    }
  }

  private static void merge(
      double[] k, int[] idx, double[] kOut, int[] iOut, int lo, int mid, int hi) {
    int a = lo;
    int b = mid;
    for (int o = lo; o < hi; o++) {
      // take from the right run only when strictly larger: ties keep the left (lower) index first
      if (a < mid && (b >= hi || k[a] >= k[b])) {
        kOut[o] = k[a];
        iOut[o] = idx[a++];
      } else {
        kOut[o] = k[b];
        iOut[o] = idx[b++];
      }
    }
  }
}
