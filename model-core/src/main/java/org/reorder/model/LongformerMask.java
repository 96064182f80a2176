package org.reorder.model;

/**
 * The Longformer attention pattern as a full-size additive bias.
 *
 * <p>Slot 0 is the global CLS token: it attends to every token and every token attends to it.
 * Patch slots {@code i, j >= 1} attend to each other iff {@code |i - j| <= window/2}. Allowed
 * pairs get 0, others {@link #MASKED}. A full {@code [L, L]} bias (not a {@code where}) because
 * {@code NDArrays.where} does not broadcast on the PyTorch engine.
 */
final class LongformerMask {
  /** Added to masked scores; exp underflows to exactly 0 in float32 and float64. */
  static final float MASKED = -1e9f;

  private LongformerMask() {}

  /** Whether query slot {@code i} may attend to key slot {@code j} (slot 0 = CLS). */
  static boolean allowed(int i, int j, int halfWindow) {
    return i == 0 || j == 0 || Math.abs(i - j) <= halfWindow;
  }

  /** The row-major {@code [length, length]} additive bias. */
  static float[] bias(int length, int halfWindow) {
    float[] bias = new float[length * length];
    for (int i = 0; i < length; i++) {
      for (int j = 0; j < length; j++) {
        bias[i * length + j] = allowed(i, j, halfWindow) ? 0f : MASKED;
      }
    }
    return bias;
  }
}
