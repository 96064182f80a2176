package org.reorder.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PredictionsTest {
  private static float[] log(double... p) {
    float[] out = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = (float) Math.log(p[i]);
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Two images of 7 classes; image 1 has a tie between classes 2 and 5. */
  private final Predictions p = new Predictions(2, 7, concat(
      log(0.05, 0.30, 0.10, 0.20, 0.15, 0.12, 0.08),
      log(0.10, 0.05, 0.25, 0.10, 0.05, 0.25, 0.20)));

  @Test
  void topKIsBestFirstWithLowerClassesWinningTies() {
    assertArrayEquals(new int[] {1, 3, 4, 5, 2}, p.topK(0, 5));
    assertArrayEquals(new int[] {2, 5, 6, 0, 3}, p.topK(1, 5));
    assertEquals(1, p.predictedClass(0));
    assertEquals(2, p.predictedClass(1));
    assertArrayEquals(new int[] {1, 3, 4, 5, 2, 6, 0}, p.topK(0, 10));
  }

  @Test
  void probabilitiesAndLossComeFromTheLogProbabilities() {
    assertEquals(0.20, p.probabilities(0)[3], 1e-6);
    assertEquals(-Math.log(0.25), p.loss(1, 5), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> p.loss(0, 7));
    assertThrows(IllegalArgumentException.class, () -> new Predictions(2, 3, new float[5]));
  }
}
