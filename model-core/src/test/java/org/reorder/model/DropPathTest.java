package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Drop-path drops whole images at its rate, rescales the rest, and follows the engine seed. */
class DropPathTest {
  private static final int IMAGES = 4000;

  @Test
  void dropsWholeImagesAtTheRateAndKeepsTheExpectation() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.ones(new Shape(IMAGES, 3, 2));
      EngineRandom.seedThisThread(11);
      float[] y = DropPath.apply(x, 0.25, true).toFloatArray();
      int dropped = 0;
      for (int b = 0; b < IMAGES; b++) {
        float first = y[b * 6];
        assertTrue(first == 0f || Math.abs(first - 1 / 0.75f) < 1e-6, "value " + first);
        for (int j = 1; j < 6; j++) {
          assertEquals(first, y[b * 6 + j], "image " + b + " is dropped as a whole");
        }
        dropped += first == 0f ? 1 : 0;
      }
      // Binomial(4000, 0.25): standard deviation 27.4; 5 of them.
      assertEquals(1000, dropped, 137);
    }
  }

  @Test
  void theEngineSeedFixesTheMasksAndInferenceIsTheIdentity() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.randomNormal(new Shape(64, 5));
      EngineRandom.seedThisThread(3);
      float[] first = DropPath.apply(x, 0.5, true).toFloatArray();
      EngineRandom.seedThisThread(3);
      assertArrayEquals(first, DropPath.apply(x, 0.5, true).toFloatArray(), 0f);
      EngineRandom.seedThisThread(4);
      float[] other = DropPath.apply(x, 0.5, true).toFloatArray();
      assertTrue(!java.util.Arrays.equals(first, other), "another seed, other masks");
      assertSame(x, DropPath.apply(x, 0.5, false));
      assertSame(x, DropPath.apply(x, 0, true));
    }
  }
}
