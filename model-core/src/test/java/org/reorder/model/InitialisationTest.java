package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The initial parameters give the start a classifier should have: a loss of about ln(classes)
 * and gradients of order one, also on images whose patches are often of one colour (as
 * Fashion-MNIST's background). With DJL's default He-normal Linear weights and a zero
 * patch-projection bias the initial loss was about 3.0 for 10 classes and the gradient norm about
 * 10,000.
 */
class InitialisationTest {
  private static final int CLASSES = 10;
  private static final int BATCH = 64;

  @ParameterizedTest
  @EnumSource(ModelType.class)
  void initialLossIsNearChanceAndGradientsAreOfOrderOne(ModelType type) {
    ModelConfig config = ModelConfig.of(type, ModelSize.MICRO, 16, 49, CLASSES)
        .withLongformer(new LongformerOptions(4));
    try (NDManager manager = NDManager.newBaseManager()) {
      ReorderClassifier model = ModelFixtures.init(manager, config, DataType.FLOAT32, BATCH);
      Random random = new Random(1);
      float[] values = new float[BATCH * config.numPatches() * config.patchDim()];
      for (int patch = 0; patch < BATCH * config.numPatches(); patch++) {
        boolean background = random.nextBoolean(); // a patch of one colour, as normalised black
        for (int j = 0; j < config.patchDim(); j++) {
          values[patch * config.patchDim() + j] =
              background ? -1f : (float) (2 * random.nextDouble() - 1);
        }
      }
      NDArray patches = manager.create(values,
          new Shape(BATCH, config.numPatches(), config.patchDim()));
      long[] labels = new long[BATCH];
      for (int b = 0; b < BATCH; b++) {
        labels[b] = random.nextInt(CLASSES);
      }
      NDArray order = ModelFixtures.order(manager, ModelFixtures.shuffled(config.numPatches(), 3));
      double loss;
      double logitStd;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = model.forward(new ParameterStore(manager, false),
            new NDList(patches, order), true).singletonOrThrow();
        NDArray l = new MeanCrossEntropy().evaluate(new NDList(manager.create(labels)),
            new NDList(logits));
        loss = l.getFloat();
        logitStd = logits.toType(DataType.FLOAT64, false).sub(logits.mean().getFloat()).square()
            .mean().sqrt().getDouble();
        collector.backward(l);
      }
      double sumSquares = 0;
      for (Pair<String, Parameter> p : model.getParameters()) {
        sumSquares += p.getValue().getArray().getGradient().toType(DataType.FLOAT64, false)
            .square().sum().getDouble();
      }
      // Logits of standard deviation s add about s²/2 to ln(classes) (more for one draw of the
      // head); the reference's heads give s ≈ 0.58 (0.02 * sqrt(768) for timm's ViT at base).
      // DJL's default He-normal weights gave s ≈ 1.4 and losses of 2.7 to 3.5.
      assertTrue(logitStd > 0.3 && logitStd < 0.9, type + ": initial logit std " + logitStd);
      assertTrue(loss > Math.log(CLASSES) - 0.1 && loss < Math.log(CLASSES) + 0.45,
          type + ": initial loss " + loss);
      assertTrue(Math.sqrt(sumSquares) < 20, type + ": initial gradient norm "
          + Math.sqrt(sumSquares));
    }
  }

  @ParameterizedTest
  @EnumSource(ModelType.class)
  void linearWeightsStartAsTorchLinearDefaults(ModelType type) {
    ModelConfig config = ModelFixtures.tiny(type);
    try (NDManager manager = NDManager.newBaseManager()) {
      ReorderClassifier model = ModelFixtures.init(manager, config, DataType.FLOAT32, 2);
      for (String name : new String[] {"03head_02linear_weight",
          "01embedding_02projection_weight"}) {
        double[] w = model.getParameters().get(name).getArray().toType(DataType.FLOAT64, false)
            .toDoubleArray();
        double mean = 0;
        double square = 0;
        for (double v : w) {
          mean += v / w.length;
          square += v * v / w.length;
        }
        double std = Math.sqrt(square - mean * mean);
        double fanIn = model.getParameters().get(name).getArray().getShape().get(1);
        double expected = 1 / Math.sqrt(3 * fanIn); // of U(±1/sqrt(fan_in))
        assertEquals(expected, std, 0.2 * expected, name + " std");
      }
      double[] bias = model.getParameters().get("01embedding_02projection_bias").getArray()
          .toType(DataType.FLOAT64, false).toDoubleArray();
      double bound = 1 / Math.sqrt(config.patchDim());
      double largest = 0;
      for (double b : bias) {
        assertTrue(Math.abs(b) <= bound, "projection bias " + b + " outside ±" + bound);
        largest = Math.max(largest, Math.abs(b));
      }
      assertTrue(largest > bound / 4, "projection bias starts near zero: " + largest);
    }
  }
}
