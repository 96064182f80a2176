package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class DifferentiableCastTest {

  @Test
  void convertsValuesAndPassesTheGradientBackInTheSourceType() {
    try (NDManager m = NDManager.newBaseManager()) {
      // 1/3 is not a float16 number: the cast rounds it (to 0.333251953125).
      NDArray w = m.create(new float[] {1f, -2f, 1f / 3, 4f}, new Shape(2, 2));
      w.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray half = DifferentiableCast.to(w, DataType.FLOAT16);
        assertEquals(DataType.FLOAT16, half.getDataType());
        assertEquals(new Shape(2, 2), half.getShape());
        assertArrayEquals(new float[] {1f, -2f, 0.333251953125f, 4f},
            DifferentiableCast.to(half, DataType.FLOAT32).toFloatArray(), 0f);
        // d/dw sum((3 w)^2 as float32) = 18 w, computed through float16 and back.
        NDArray back = DifferentiableCast.to(Scale.by(half, 3), DataType.FLOAT32);
        gc.backward(back.square().sum());
      }
      assertEquals(DataType.FLOAT32, w.getGradient().getDataType());
      assertArrayEquals(new float[] {18f, -36f, 18 * 0.333251953125f, 72f},
          w.getGradient().toFloatArray(), 1e-2f);
    }
  }

  @Test
  void leavesAnArrayOfTheTargetTypeAlone() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(3));
      assertSame(x, DifferentiableCast.to(x, DataType.FLOAT32));
    }
  }
}
