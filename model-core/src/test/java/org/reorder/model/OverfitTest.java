package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each backbone memorises 64 tiny images with random labels (full batch, Adam): a check that the
 * forward pass, the backward pass and the optimizer work together.
 */
class OverfitTest {
  private static final int IMAGES = 64;
  private static final int MAX_STEPS = 300;

  @ParameterizedTest
  @EnumSource(ModelType.class)
  void reachesFullTrainingAccuracy(ModelType type) {
    ModelConfig config = ModelFixtures.tiny(type);
    float[] patches = new float[IMAGES * config.numPatches() * config.patchDim()];
    float[] labels = new float[IMAGES];
    Random random = new Random(13);
    for (int i = 0; i < patches.length; i++) {
      patches[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < IMAGES; i++) {
      labels[i] = random.nextInt(config.numClasses());
    }
    Shape patchShape = new Shape(IMAGES, config.numPatches(), config.patchDim());
    long[] order = new long[config.numPatches()];
    int[] perm = ModelFixtures.shuffled(config.numPatches(), 3);
    for (int k = 0; k < order.length; k++) {
      order[k] = perm[k];
    }
    Engine.getInstance().setRandomSeed(17);
    try (Model model = Model.newInstance("overfit-" + type.cliName())) {
      model.setBlock(Backbones.build(config));
      DefaultTrainingConfig training = new DefaultTrainingConfig(new MeanCrossEntropy())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build());
      try (Trainer trainer = model.newTrainer(training)) {
        trainer.initialize(patchShape, new Shape(1, config.numPatches()));
        double accuracy = 0;
        int step = 0;
        while (step < MAX_STEPS && accuracy < 1.0) {
          try (NDManager stepManager = trainer.getManager().newSubManager()) {
            NDArray x = stepManager.create(patches, patchShape);
            NDArray o = stepManager.create(order, new Shape(1, order.length));
            NDArray y = stepManager.create(labels);
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray logits = trainer.forward(new NDList(x, o)).singletonOrThrow();
              collector.backward(trainer.getLoss().evaluate(new NDList(y), new NDList(logits)));
              accuracy = logits.argMax(1).toType(DataType.FLOAT32, false).eq(y)
                  .toType(DataType.FLOAT32, false).mean().getFloat();
            }
            trainer.step();
          }
          step++;
        }
        assertEquals(1.0, accuracy, 1e-9, type + " after " + step + " steps");
        System.out.println(type + ": 100% training accuracy after " + step + " steps");
      }
    }
  }
}
