package org.reorder.train;

import java.util.Random;

/**
 * The bootstrap standard error of a mean: resample the values with replacement {@code samples}
 * times, take each resample's mean, report their standard deviation. Seeded, so a given input
 * always gets the same error.
 */
public final class Bootstrap {
  private Bootstrap() {}

  /** Standard error of the mean of {@code values} (0/1 correctness, losses, ...). */
  public static double standardError(double[] values, int samples, long seed) {
    if (samples < 2) {
      throw new IllegalArgumentException("the bootstrap needs >= 2 samples, got " + samples);
    }
    int n = values.length;
    if (n == 0) {
      return Double.NaN;
    }
    Random rng = new Random(seed);
    double sum = 0;
    double sumSquares = 0;
    for (int b = 0; b < samples; b++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        total += values[rng.nextInt(n)];
      }
      double mean = total / n;
      sum += mean;
      sumSquares += mean * mean;
    }
    double meanOfMeans = sum / samples;
    double variance = (sumSquares - samples * meanOfMeans * meanOfMeans) / (samples - 1);
    return Math.sqrt(Math.max(0, variance));
  }
}
