package org.reorder.data;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.reorder.config.ExperimentConfig;
import org.reorder.train.Curriculum;
import org.reorder.train.RunSummary;

/**
 * The child process of {@link LargerThanHeapTest}: trains one epoch of a tiny ViT on the patch
 * dataset at {@code args[0]} into {@code args[1]} and prints {@code heap=<max heap bytes>
 * steps=<steps> images=<training images per epoch>}.
 */
public final class OneEpochInSmallHeap {
  static final String EXPERIMENT = """
      model: {model_type: vit, width: 8, depth: 1, heads: 1, patch_size: 56}
      data: {source: parquet, image_size: 224, channels: 3, num_classes: 4, shuffle_window: 2}
      training: {epochs: 1, batch_size: 100, eval_batch_size: 100, warmup_epochs: 0,
                 bootstrap_samples: 10, log_every_steps: 50}
      runtime: {device: cpu, progress: false}
      """;

  private OneEpochInSmallHeap() {}

  public static void main(String[] args) throws Exception {
    ExperimentConfig config = ExperimentConfig.parse(EXPERIMENT, "heap-test", "heap-test",
        List.of("data.patch_dir=" + args[0]));
    DataSplits data = DataSplits.open(config);
    long images = data.train().imagesPerEpoch();
    try (Curriculum run = Curriculum.start(config, data, Path.of(args[1]), Device.cpu())) {
      RunSummary summary = run.run();
      System.out.println("heap=" + Runtime.getRuntime().maxMemory() + " steps=" + summary.steps()
          + " images=" + images);
    }
  }
}
