package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class ScaleTest {

  @Test
  void theGradientIsTheFactorEvenWhenMemoryIsCollectedBeforeTheBackwardPass() throws Exception {
    // With x.mul(0.5f) this gradient read freed memory (-7e32 and the like) in every run here.
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {1f, 2f, 3f}, new Shape(3));
      w.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = Scale.by(w, 0.5);
        FreedMemory.collectAndReuse(m);
        gc.backward(y.sum());
      }
      assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, w.getGradient().toFloatArray(), 0f);
    }
  }

  @Test
  void keepsTheTypeOfTheArray() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray half = m.create(new float[] {1f, -3f}).toType(DataType.FLOAT16, false);
      NDArray scaled = Scale.by(half, 0.25);
      assertEquals(DataType.FLOAT16, scaled.getDataType());
      assertArrayEquals(new float[] {0.25f, -0.75f},
          scaled.toType(DataType.FLOAT32, false).toFloatArray(), 0f);
      assertArrayEquals(new double[] {2.5, 5},
          Scale.by(m.create(new double[] {1, 2}), 2.5).toDoubleArray(), 0);
    }
  }
}
