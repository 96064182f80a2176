package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Saved parameters load into a freshly built block of the same config and give the same output. */
class ParameterRoundTripTest {

  @ParameterizedTest
  @EnumSource(ModelType.class)
  void savedParametersReproduceTheOutput(ModelType type)
      throws IOException, MalformedModelException {
    ModelConfig config = ModelFixtures.tiny(type);
    try (NDManager manager = NDManager.newBaseManager()) {
      ReorderClassifier original = ModelFixtures.init(manager, config, DataType.FLOAT32, 2);
      NDArray patches = ModelFixtures.patches(manager, config, 2, 31, DataType.FLOAT32);
      NDArray order = ModelFixtures.order(manager, ModelFixtures.shuffled(config.numPatches(), 4));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      original.saveParameters(new DataOutputStream(bytes));

      ReorderClassifier restored = Backbones.build(config);
      restored.initialize(manager, DataType.FLOAT32,
          new Shape(2, config.numPatches(), config.patchDim()), new Shape(1, config.numPatches()));
      restored.loadParameters(manager,
          new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      assertArrayEquals(
          ModelFixtures.doubles(ModelFixtures.logits(manager, original, patches, order)),
          ModelFixtures.doubles(ModelFixtures.logits(manager, restored, patches, order)), 0.0);
    }
  }
}
