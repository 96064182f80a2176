package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.reorder.patch.PatchBatch;

class PixelNormalizerTest {

  @Test
  void normalisesEachElementWithItsChannelStatistics() {
    int p = 2;
    int channels = 3;
    int patchDim = channels * p * p;
    int numPatches = 2;
    int size = 2;
    byte[] raw = new byte[size * numPatches * patchDim];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) (i * 37 % 256); // covers values above 127 (negative as Java bytes)
    }
    double[] mean = {0.485, 0.456, 0.406};
    double[] std = {0.229, 0.224, 0.225};
    PatchBatch batch = new PatchBatch(raw, size, numPatches, patchDim, new int[2], new String[2]);
    try (NDManager m = NDManager.newBaseManager();
        NDArray x = new PixelNormalizer(mean, std, p).normalize(m, batch)) {
      assertEquals(new ai.djl.ndarray.types.Shape(size, numPatches, patchDim), x.getShape());
      float[] got = x.toFloatArray();
      for (int i = 0; i < raw.length; i++) {
        int element = i % patchDim; // position inside the (c, dy, dx) patch vector
        int c = element / (p * p);
        double expected = ((raw[i] & 0xFF) / 255.0 - mean[c]) / std[c];
        assertEquals(expected, got[i], 1e-5, "element " + i);
      }
    }
  }
}
