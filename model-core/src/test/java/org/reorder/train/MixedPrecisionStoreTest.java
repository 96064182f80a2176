package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.reorder.model.DifferentiableCast;

class MixedPrecisionStoreTest {

  @Test
  void blocksComputeInFloat16AndGradientsReachTheFloat32MasterWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      Linear linear = Linear.builder().setUnits(2).build();
      linear.initialize(m, DataType.FLOAT32, new Shape(1, 3));
      NDArray weight = linear.getParameters().get("weight").getArray();
      float[] before = weight.toFloatArray();
      NDArray x = m.create(new float[] {1f, 2f, -1f, 0.5f, 0f, 3f}, new Shape(2, 3));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = linear.forward(new MixedPrecisionStore(m),
            new NDList(x.toType(MixedPrecisionStore.COMPUTE_TYPE, false)), true)
            .singletonOrThrow();
        assertEquals(DataType.FLOAT16, y.getDataType());
        gc.backward(DifferentiableCast.to(y, DataType.FLOAT32).sum());
      }
      assertEquals(DataType.FLOAT32, weight.getDataType());
      assertEquals(DataType.FLOAT32, weight.getGradient().getDataType());
      // d sum(x W^T + b) / dW[o, i] = the column sums of x, exact in float16 for these inputs.
      assertArrayEquals(new float[] {1.5f, 2f, 2f, 1.5f, 2f, 2f},
          weight.getGradient().toFloatArray(), 0f);
      assertArrayEquals(before, weight.toFloatArray(), 0f);
    }
  }
}
