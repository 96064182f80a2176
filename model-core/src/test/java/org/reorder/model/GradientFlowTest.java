package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** After one backward pass every parameter of every backbone has a non-zero gradient. */
class GradientFlowTest {

  static Stream<Arguments> configs() {
    ModelConfig mamba = ModelFixtures.tiny(ModelType.MAMBA);
    return Stream.of(
        Arguments.of(ModelFixtures.tiny(ModelType.VIT)),
        Arguments.of(ModelFixtures.tiny(ModelType.LONGFORMER)),
        Arguments.of(ModelFixtures.tiny(ModelType.TRANSFORMER_XL)),
        Arguments.of(ModelFixtures.tinySegmentedTransformerXl()),
        Arguments.of(mamba),
        Arguments.of(mamba.withMamba(mamba.mamba().withReadout(MambaOptions.Readout.CLS))),
        Arguments.of(mamba.withMamba(mamba.mamba()
            .withDirections(MambaOptions.Directions.SINGLE))));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void everyParameterGetsAGradient(ModelConfig config) {
    try (NDManager manager = NDManager.newBaseManager()) {
      ReorderClassifier model = ModelFixtures.init(manager, config, DataType.FLOAT32, 4);
      NDArray patches = ModelFixtures.patches(manager, config, 4, 21, DataType.FLOAT32);
      NDArray order = ModelFixtures.order(manager,
          ModelFixtures.shuffled(config.numPatches(), 8));
      NDArray labels = manager.create(new float[] {0, 1, 2, 3});
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = model.forward(new ParameterStore(manager, false),
            new NDList(patches, order), true).singletonOrThrow();
        NDArray loss = new MeanCrossEntropy().evaluate(new NDList(labels), new NDList(logits));
        collector.backward(loss);
      }
      int count = 0;
      for (Pair<String, Parameter> p : model.getParameters()) {
        float norm = p.getValue().getArray().getGradient().abs().sum().getFloat();
        assertTrue(norm > 0, config.type() + ": parameter " + p.getKey() + " has no gradient");
        count++;
      }
      assertTrue(count > 10, "too few parameters: " + count);
    }
  }
}
