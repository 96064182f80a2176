package org.reorder.prior;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Per (measure, order): mean and standard deviation of the per-image reduction %, a 95 % percentile
 * bootstrap interval of the mean, and the rank among orders (1 = most compressible).
 */
public record OrderStats(
    String measure,
    String order,
    long images,
    double mean,
    double std,
    double ciLow,
    double ciHigh,
    int rank) {

  /** Stats of {@code values} (rank filled in later), bootstrap with {@code resamples} and seed. */
  public static OrderStats of(
      String measure, String order, double[] values, int resamples, long seed) {
    int n = values.length;
    double mean = Arrays.stream(values).average().orElse(Double.NaN);
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean);
    }
    double std = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
    double[] means = new double[resamples];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int b = 0; b < resamples; b++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += values[rnd.nextInt(n)];
      }
      means[b] = s / n;
    }
    Arrays.sort(means);
    return new OrderStats(
        measure, order, n, mean, std, percentile(means, 0.025), percentile(means, 0.975), 0);
  }

  /** Linear-interpolated percentile of sorted values. */
  static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  public OrderStats withRank(int newRank) {
    return new OrderStats(measure, order, images, mean, std, ciLow, ciHigh, newRank);
  }
}
