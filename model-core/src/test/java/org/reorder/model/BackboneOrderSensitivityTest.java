package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ViT must be invariant to the patch order (full attention, position table follows the patch);
 * the three order-sensitive backbones must not be.
 */
class BackboneOrderSensitivityTest {

  @ParameterizedTest
  @EnumSource(ModelType.class)
  void onlyVitIgnoresThePatchOrder(ModelType type) {
    ModelConfig config = ModelFixtures.tiny(type);
    try (NDManager manager = NDManager.newBaseManager()) {
      ReorderClassifier model = ModelFixtures.init(manager, config, DataType.FLOAT32, 3);
      NDArray patches = ModelFixtures.patches(manager, config, 3, 11, DataType.FLOAT32);
      int n = config.numPatches();
      double[] identity = ModelFixtures.doubles(ModelFixtures.logits(manager, model, patches,
          ModelFixtures.order(manager, org.reorder.order.Permutation.identity(n).toArray())));
      double[] shuffled = ModelFixtures.doubles(ModelFixtures.logits(manager, model, patches,
          ModelFixtures.order(manager, ModelFixtures.shuffled(n, 5))));
      if (type == ModelType.VIT) {
        assertArrayEquals(identity, shuffled, 1e-5);
      } else {
        double maxDiff = 0;
        for (int i = 0; i < identity.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(identity[i] - shuffled[i]));
        }
        assertTrue(maxDiff > 1e-3, type + " output did not change with the order: " + maxDiff);
      }
    }
  }

  /** Per-image orders {@code [B, N]} give each image the result of its own order. */
  @Test
  void perImageOrdersMatchOneImageAtATime() {
    ModelConfig config = ModelFixtures.tiny(ModelType.MAMBA);
    int n = config.numPatches();
    try (NDManager manager = NDManager.newBaseManager()) {
      ReorderClassifier model = ModelFixtures.init(manager, config, DataType.FLOAT32, 2);
      NDArray patches = ModelFixtures.patches(manager, config, 2, 12, DataType.FLOAT32);
      int[] first = ModelFixtures.shuffled(n, 1);
      int[] second = ModelFixtures.shuffled(n, 2);
      long[] both = new long[2 * n];
      for (int k = 0; k < n; k++) {
        both[k] = first[k];
        both[n + k] = second[k];
      }
      double[] batched = ModelFixtures.doubles(ModelFixtures.logits(manager, model, patches,
          manager.create(both, new Shape(2, n))));
      double[] a = ModelFixtures.doubles(ModelFixtures.logits(manager, model,
          patches.get(new NDIndex("0:1")), ModelFixtures.order(manager, first)));
      double[] b = ModelFixtures.doubles(ModelFixtures.logits(manager, model,
          patches.get(new NDIndex("1:2")), ModelFixtures.order(manager, second)));
      double[] expected = new double[a.length + b.length];
      System.arraycopy(a, 0, expected, 0, a.length);
      System.arraycopy(b, 0, expected, a.length, b.length);
      assertArrayEquals(expected, batched, 1e-5);
    }
  }

  @Test
  void badShapesNameTheInput() {
    ModelConfig config = ModelFixtures.tiny(ModelType.VIT);
    try (NDManager manager = NDManager.newBaseManager()) {
      ReorderClassifier model = ModelFixtures.init(manager, config, DataType.FLOAT32, 2);
      NDArray patches = ModelFixtures.patches(manager, config, 2, 12, DataType.FLOAT32);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ModelFixtures.logits(manager, model, patches, manager.create(new long[5],
              new Shape(1, 5))));
      assertTrue(e.getMessage().startsWith("order must have shape"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> ModelFixtures.logits(manager, model, patches.get(new NDIndex(":, :, 0:5")),
              ModelFixtures.order(manager, ModelFixtures.shuffled(config.numPatches(), 1))));
      assertTrue(e.getMessage().startsWith("patches must have shape"), e.getMessage());
    }
  }
}
