package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reorder.train.MixedPrecisionStore;

/**
 * A garbage collection between the forward and the backward pass changes no gradient of any
 * backbone. It would wherever an operation's backward function keeps an array over memory that
 * Java owns and frees (see {@link Scale}); training steps then got wrong gradients at random.
 * The models train with dropout, and Mamba with drop-path in every block but the first two, so
 * their masks are covered too.
 */
class BackwardAfterCollectionTest {
  private static final int BATCH = 4;

  static Stream<Arguments> backbonesAndPrecisions() {
    Stream<ModelConfig> configs = Stream.concat(
        Arrays.stream(ModelType.values()).map(ModelFixtures::tiny),
        Stream.of(ModelFixtures.tinySegmentedTransformerXl()));
    return configs.map(BackwardAfterCollectionTest::withRandomness)
        .flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
  }

  @ParameterizedTest(name = "{0}, mixed precision {1}")
  @MethodSource("backbonesAndPrecisions")
  void gradientsDoNotDependOnACollectionBeforeTheBackwardPass(ModelConfig config,
      boolean mixedPrecision) throws Exception {
    List<float[]> undisturbed = gradients(config, mixedPrecision, false);
    List<float[]> collected = gradients(config, mixedPrecision, true);
    for (int i = 0; i < undisturbed.size(); i++) {
      assertArrayEquals(undisturbed.get(i), collected.get(i), 0f,
          config.type() + " parameter " + i);
    }
  }

  /** Dropout 0.1; Mamba four blocks deep with drop-path 0.5 (blocks 2 and 3 drop). */
  static ModelConfig withRandomness(ModelConfig tiny) {
    ModelConfig c = tiny.withDropout(0.1);
    return c.type() != ModelType.MAMBA ? c
        : c.withShape(c.width(), 4, c.heads()).withMamba(c.mamba().withDropPath(0.5));
  }

  /**
   * Every parameter's gradient after one backward pass of the mean cross-entropy; in mixed
   * precision as the trainer computes it (float16 weights and patches, float32 logits, the loss
   * scaled by 1024).
   */
  private static List<float[]> gradients(ModelConfig config, boolean mixedPrecision,
      boolean collectBeforeBackward) throws InterruptedException {
    try (NDManager manager = NDManager.newBaseManager()) {
      ReorderClassifier model = ModelFixtures.init(manager, config, DataType.FLOAT32, BATCH);
      NDArray patches = ModelFixtures.patches(manager, config, BATCH, 5,
          mixedPrecision ? MixedPrecisionStore.COMPUTE_TYPE : DataType.FLOAT32);
      ParameterStore store = mixedPrecision ? new MixedPrecisionStore(manager)
          : new ParameterStore(manager, false);
      long[] slots = new long[BATCH * config.numPatches()];
      for (int b = 0; b < BATCH; b++) { // a different order per image
        int[] perm = ModelFixtures.shuffled(config.numPatches(), 11 + b);
        for (int k = 0; k < perm.length; k++) {
          slots[b * perm.length + k] = perm[k];
        }
      }
      NDArray order = manager.create(slots, new Shape(BATCH, config.numPatches()));
      NDArray labels = manager.create(new long[] {0, 1, 2, 3});
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = DifferentiableCast.to(model.forward(store, new NDList(patches, order),
            true).singletonOrThrow(), DataType.FLOAT32);
        NDArray loss = Scale.by(
            new MeanCrossEntropy().evaluate(new NDList(labels), new NDList(logits)),
            mixedPrecision ? 1024 : 1);
        if (collectBeforeBackward) {
          FreedMemory.collectAndReuse(manager);
        }
        collector.backward(loss);
      }
      List<float[]> out = new ArrayList<>();
      for (Pair<String, Parameter> p : model.getParameters()) {
        out.add(p.getValue().getArray().getGradient().toFloatArray());
      }
      return out;
    }
  }
}
