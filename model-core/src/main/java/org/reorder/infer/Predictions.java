package org.reorder.infer;

/**
 * What a model says about a batch: log-probabilities, row-major {@code [size, numClasses]}.
 *
 * @param size images
 * @param numClasses classes per image
 * @param logProbabilities {@code log p(class | image)}, image {@code i}'s row at {@code i *
 *     numClasses}
 */
public record Predictions(int size, int numClasses, float[] logProbabilities) {

  public Predictions {
    if (logProbabilities.length != (long) size * numClasses) {
      throw new IllegalArgumentException("expected " + size + " x " + numClasses
          + " log-probabilities, got " + logProbabilities.length);
    }
  }

  /** The most probable class of image {@code i} (the lowest index among equal ones). */
  public int predictedClass(int i) {
    return topK(i, 1)[0];
  }

  /** Image {@code i}'s class probabilities, {@code exp} of its log-probabilities. */
  public float[] probabilities(int i) {
    float[] p = new float[numClasses];
    for (int c = 0; c < numClasses; c++) {
      p[c] = (float) Math.exp(logProbabilities[i * numClasses + c]);
    }
    return p;
  }

  /** Cross-entropy of image {@code i} against {@code label}: {@code -log p(label)}. */
  public double loss(int i, int label) {
    if (label < 0 || label >= numClasses) {
      throw new IllegalArgumentException(
          "label " + label + " is outside the model's " + numClasses + " classes");
    }
    return -(double) logProbabilities[i * numClasses + label];
  }

  /**
   * The {@code min(k, numClasses)} most probable classes of image {@code i}, best first (ties: the
   * lower class first).
   */
  public int[] topK(int i, int k) {
    int n = Math.min(k, numClasses);
    int[] top = new int[n];
    int base = i * numClasses;
    // Selection of the n best: n is at most 5 in practice, so O(n * classes) is the cheap way.
    boolean[] taken = new boolean[numClasses];
    for (int j = 0; j < n; j++) {
      int best = -1;
      for (int c = 0; c < numClasses; c++) {
        if (!taken[c] && (best < 0
            || logProbabilities[base + c] > logProbabilities[base + best])) {
          best = c;
        }
      }
      taken[best] = true;
      top[j] = best;
    }
    return top;
  }
}
