package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
}
