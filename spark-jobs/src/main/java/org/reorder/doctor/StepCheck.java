package org.reorder.doctor;

import ai.djl.Device;
import java.util.List;
import org.reorder.config.ExperimentConfig;
import org.reorder.model.ModelConfig;
import org.reorder.patch.PatchBatch;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.CurriculumPlan;
import org.reorder.train.StepOutput;
import org.reorder.data.SyntheticPatches;

/**
 * One real training step (forward, backward, AdamW) of a tiny ViT on one device, through the same
 * {@link CurriculumPlan} runs and Spark tasks use; in float32 or mixed precision (float16).
 */
public final class StepCheck {
  /** 8 synthetic 32x32 images (16 patches of 8x8), 4 classes, a one-layer ViT of width 16. */
  static final String TINY_VIT = """
      name: doctor
      model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 8}
      data: {source: synthetic, image_size: 32, channels: 3, num_classes: 4,
             synthetic: {train_size: 8, val_size: 4}}
      training: {epochs: 1, batch_size: 8, lr: 1.0e-3, warmup_epochs: 0, order: row}
      runtime: {progress: false}
      """;

  /**
   * What the step did.
   *
   * @param loss the mean cross-entropy of the batch (finite when the step worked)
   * @param skipped whether mixed precision skipped the update (float16 overflow at the initial
   *     loss scale, which then shrinks: normal in the first steps)
   */
  public record Result(Device device, boolean mixedPrecision, double loss, boolean skipped,
      double seconds) {
    public boolean ok() {
      return Double.isFinite(loss);
    }
  }

  private StepCheck() {}

  /** Builds the tiny model on {@code device} and trains it one step. */
  public static Result run(Device device, boolean mixedPrecision) {
    ExperimentConfig config = ExperimentConfig.parse(TINY_VIT, "reorder doctor", "doctor",
        List.of("training.mixed_precision=" + mixedPrecision));
    ModelConfig model = config.modelConfig();
    var synthetic = config.data().synthetic();
    PatchBatch batch = new SyntheticPatches(model.numPatches(), model.patchDim(),
        config.data().numClasses(), synthetic.noise(), synthetic.seed())
        .split(config.data().trainSplit(), config.training().batchSize());
    CurriculumPlan plan = new CurriculumPlan(config, 1);
    long start = System.nanoTime();
    try (BackboneTrainer trainer = plan.newModel(device)) {
      StepOutput out = plan.step(trainer, batch, 0, null, 0).output();
      return new Result(device, mixedPrecision, out.meanLoss(), out.skipped(),
          (System.nanoTime() - start) / 1e9);
    }
  }
}
