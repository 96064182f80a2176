package org.reorder.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import org.reorder.patch.PatchBatch;

/**
 * Turns uint8 patch tensors into the float32 input of a backbone: {@code (x / 255 - mean[c]) /
 * std[c]} per channel, as the reference's {@code Normalize(mean, std)} after {@code ToTensor}.
 *
 * <p>A patch is flattened channel-major {@code (c, dy, dx)}, so element {@code e} of a patch of
 * side {@code p} belongs to channel {@code e / (p * p)}; the per-element scale and shift are
 * precomputed once and broadcast over {@code [B, N, C*p*p]} on the device.
 */
public final class PixelNormalizer {
  private final float[] scale;
  private final float[] shift;

  /**
   * @param mean per-channel mean of pixels scaled to [0, 1]
   * @param std per-channel standard deviation of pixels scaled to [0, 1]
   * @param patchSize patch side p
   */
  public PixelNormalizer(double[] mean, double[] std, int patchSize) {
    if (mean.length != std.length || mean.length == 0) {
      throw new IllegalArgumentException(
          "need one mean and one std per channel, got " + mean.length + " and " + std.length);
    }
    int perChannel = patchSize * patchSize;
    int patchDim = mean.length * perChannel;
    scale = new float[patchDim];
    shift = new float[patchDim];
    for (int e = 0; e < patchDim; e++) {
      int c = e / perChannel;
      scale[e] = (float) (1.0 / (255.0 * std[c]));
      shift[e] = (float) (-mean[c] / std[c]);
    }
  }

  /** Values per patch this normaliser expects, C*p*p. */
  public int patchDim() {
    return scale.length;
  }

  /** The normalised batch, float32 {@code [B, N, C*p*p]}, attached to {@code manager}. */
  public NDArray normalize(NDManager manager, PatchBatch batch) {
    if (batch.patchDim() != scale.length) {
      throw new IllegalArgumentException(
          "batch has patchDim " + batch.patchDim() + ", the normaliser expects " + scale.length);
    }
    Shape shape = new Shape(batch.size(), batch.numPatches(), batch.patchDim());
    try (NDArray raw = manager.create(ByteBuffer.wrap(batch.patches()), shape, DataType.UINT8);
        NDArray asFloat = raw.toType(DataType.FLOAT32, false);
        NDArray s = manager.create(scale);
        NDArray t = manager.create(shift);
        NDArray scaled = asFloat.mul(s)) {
      return scaled.add(t);
    }
  }
}
