package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.config.ExperimentConfig;
import org.reorder.data.DataSplits;

/**
 * Accuracy, not just moving logits: on a task where the starting order hides the label, REOrder
 * with the default {@code reinforce} settings must end clearly above its fixed-order twin.
 *
 * <p>The task (docs/policy.md, "The synthetic task"): 16x16 images of 4x4 patches, 4 classes, only
 * the top two rows (patches 0-7) carry the class. Transformer-XL with CLS last and segments of 9
 * tokens without memory reads CLS from the last segment, which holds the last 7 slots of the order.
 * In row order those are patches 9-15: the label is invisible and the fixed run stays at chance.
 * Orders that put label patches late exist (column order reaches 0.86 with
 * configs/science-hidden-label.yaml, this task with 8 epochs). Measured here (seed 42): fixed row
 * 0.30, REOrder with the defaults 0.67; with the paper's settings ({@code reinforce.preset: paper})
 * REOrder stays at 0.29 and this test fails.
 */
class ReorderFindsABetterOrderTest {
  private static final String TASK = """
      model: {model_type: transformer-xl, width: 32, depth: 2, heads: 2, patch_size: 4,
              transformer_xl: {cls: last, segment_length: 9, memory: false}}
      data: {source: synthetic, image_size: 16, channels: 1, num_classes: 4,
             synthetic: {train_size: 512, val_size: 256, noise: 0.5, label_patches: 8}}
      training: {epochs: 7, batch_size: 32, lr: 3.0e-3, warmup_epochs: 1, order: row,
                 log_every_steps: 16, bootstrap_samples: 100}
      reinforce: {start_after: 1, stop_after: 5}
      runtime: {device: cpu, progress: false}
      """;
  private static final double CHANCE = 0.25;

  @TempDir Path dir;

  private RunSummary run(String name, String... overrides) throws Exception {
    ExperimentConfig c = ExperimentConfig.parse(TASK, "task", name, List.of(overrides));
    try (Curriculum run = Curriculum.start(c, DataSplits.open(c), dir.resolve(name),
        Device.cpu())) {
      return run.run();
    }
  }

  /** How many of the label patches (0-7) the order puts in CLS's segment (its last 7 slots). */
  private static int visibleLabelPatches(int[] order) {
    int visible = 0;
    for (int slot = order.length - 7; slot < order.length; slot++) {
      visible += order[slot] < 8 ? 1 : 0;
    }
    return visible;
  }

  @Test
  void withTheDefaultSettingsReorderBeatsItsFixedStartingOrder() throws Exception {
    RunSummary fixed = run("fixed", "reinforce.enabled=false");
    RunSummary reorder = run("reorder", "reinforce.enabled=true");
    double f = fixed.validation().top1();
    double r = reorder.validation().top1();
    double se = Math.hypot(fixed.validation().top1Se(), reorder.validation().top1Se());
    // The starting order hides the label: the fixed run is at chance.
    assertTrue(f < CHANCE + 0.1, "fixed row order: top-1 " + f);
    // REOrder finds an order that shows it: well above the fixed twin, by many standard errors.
    assertTrue(r > f + 0.2 && r - f > 5 * se,
        "REOrder " + r + " vs fixed " + f + " (combined SE " + se + ")");
    assertTrue(visibleLabelPatches(reorder.order()) >= 2,
        "learned order " + java.util.Arrays.toString(reorder.order()));
  }
}
