package org.reorder.policy;

import org.reorder.order.Permutation;

/**
 * The textbook O(N^2) Plackett-Luce formulas, written independently of {@link
 * PlackettLucePolicy}: at every slot a max-shifted softmax over the patches still unplaced. The
 * reference for tests and the baseline of {@link PolicyBenchmark}.
 */
final class NaivePlackettLuce {
  private NaivePlackettLuce() {}

  /** {@code sum_i log softmax_i(pi_i)}, each softmax over slots {@code i..N-1}. */
  static double logProb(double[] z, Permutation pi) {
    int n = z.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = i; k < n; k++) {
        max = Math.max(max, z[pi.patchAt(k)]);
      }
      double s = 0;
      for (int k = i; k < n; k++) {
        s += Math.exp(z[pi.patchAt(k)] - max);
      }
      sum += z[pi.patchAt(i)] - max - Math.log(s);
    }
    return sum;
  }

  /** {@code d/dz_j = [j placed] - sum_i softmax_i(j)} summed over every slot i where j remains. */
  static double[] gradLogProb(double[] z, Permutation pi) {
    int n = z.length;
    double[] grad = new double[n];
    for (int i = 0; i < n; i++) {
      grad[pi.patchAt(i)] += 1;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = i; k < n; k++) {
        max = Math.max(max, z[pi.patchAt(k)]);
      }
      double s = 0;
      for (int k = i; k < n; k++) {
        s += Math.exp(z[pi.patchAt(k)] - max);
      }
      for (int k = i; k < n; k++) {
        grad[pi.patchAt(k)] -= Math.exp(z[pi.patchAt(k)] - max) / s;
      }
    }
    return grad;
  }
}
