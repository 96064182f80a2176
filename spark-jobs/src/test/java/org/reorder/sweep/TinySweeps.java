package org.reorder.sweep;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.reorder.config.ExperimentConfig;

/** Tiny runs for the driver tests: 16x16 images of 4x4 patches (N = 16), a 1-block ViT. */
final class TinySweeps {
  /** 32 training images in batches of 8: 4 steps per epoch, 3 epochs; policy phase in epoch 1. */
  static final String EXPERIMENT = """
      model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 4}
      data: {source: synthetic, image_size: 16, channels: 3, num_classes: 4,
             synthetic: {train_size: 32, val_size: 16, noise: 0.3}}
      training: {epochs: 3, batch_size: 8, lr: 3.0e-3, warmup_epochs: 0, order: hilbert,
                 bootstrap_samples: 100, log_every_steps: 4}
      reinforce: {enabled: true, start_after: 1, stop_after: 2, policy_lr: 0.05,
                  policy_gumbel_temp: 1.0}
      runtime: {device: cpu, progress: false}
      """;

  private TinySweeps() {}

  static ExperimentConfig experiment(String... overrides) {
    return ExperimentConfig.parse(EXPERIMENT, "tiny", "tiny", List.of(overrides));
  }

  /** A local session; {@code local[2,2]} lets Spark retry a failed task once. */
  static SparkSession session() {
    SparkSession s = SparkSession.builder().master("local[2,2]").appName("sweep-tests")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
    s.sparkContext().setLogLevel("ERROR");
    return s;
  }

  /** Runs {@code sweep} and returns what it printed. */
  static String run(SparkSession spark, SweepConfig sweep, int maxRounds, SweepResult[] result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result[0] = SweepDriver.run(spark, sweep, maxRounds, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
