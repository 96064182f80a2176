package org.reorder.model;

import ai.djl.Device;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchBatch;
import org.reorder.train.AdamW;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.PixelNormalizer;
import org.reorder.train.StepOutput;
import org.reorder.data.SyntheticPatches;

/**
 * Benchmark (not a test): milliseconds per {@link BackboneTrainer#trainStep} with
 * {@code training.mixed_precision} off (the baseline) and on, alternating in one JVM, for the
 * benchmark's tiny size (batch 64, 64 patches of 4x4x3, width 64, depth 2, 2 heads, 10 classes).
 *
 * <p>{@code MixedPrecisionBenchmark [--models vit,longformer,transformer-xl,mamba] [--rounds 3]
 * [--warmup 10] [--steps 30]}; threads from {@code -Dai.djl.pytorch.num_threads}. Prints one JSON
 * line per model: the median over rounds of each round's median step time, and their ratio.
 */
public final class MixedPrecisionBenchmark {
  private MixedPrecisionBenchmark() {}

  public static void main(String[] args) {
    String modelList =
        BackboneBenchmark.option(args, "--models", "vit,longformer,transformer-xl,mamba");
    List<String> models = Arrays.asList(modelList.split(","));
    int rounds = Integer.parseInt(BackboneBenchmark.option(args, "--rounds", "3"));
    int warmup = Integer.parseInt(BackboneBenchmark.option(args, "--warmup", "10"));
    int steps = Integer.parseInt(BackboneBenchmark.option(args, "--steps", "30"));
    PatchBatch batch = new SyntheticPatches(64, 48, 10, 0.2, 1).split("train", 64);
    List<Permutation> orders =
        Collections.nCopies(batch.size(), Permutation.identity(batch.numPatches()));
    for (String name : models) {
      ModelConfig config = ModelConfig.of(ModelType.fromName(name), ModelSize.MICRO, 48, 64, 10)
          .withShape(64, 2, 2);
      // Mamba steps take seconds: fewer of them.
      int w = name.equals("mamba") ? 1 : warmup;
      int s = name.equals("mamba") ? 4 : steps;
      double[] fp32 = new double[rounds];
      double[] fp16 = new double[rounds];
      int skipped = 0;
      for (int r = 0; r < rounds; r++) {
        fp32[r] = medianStepMs(config, false, batch, orders, w, s)[0];
        double[] mixed = medianStepMs(config, true, batch, orders, w, s);
        fp16[r] = mixed[0];
        skipped += (int) mixed[1];
      }
      double a = median(fp32);
      double b = median(fp16);
      System.out.println(String.format(Locale.ROOT,
          "{\"model\": \"%s\", \"threads\": %s, \"fp32_ms_per_step\": %.2f, "
              + "\"fp16_ms_per_step\": %.2f, \"ratio_fp16_fp32\": %.3f, "
              + "\"fp16_skipped_updates\": %d, \"rounds\": %d}",
          name, System.getProperty("ai.djl.pytorch.num_threads", "default"), a, b, b / a,
          skipped, rounds));
    }
  }

  /** The median step time and the number of skipped (overflowed) updates. */
  private static double[] medianStepMs(ModelConfig config, boolean mixed, PatchBatch batch,
      List<Permutation> orders, int warmup, int steps) {
    PixelNormalizer normalizer = new PixelNormalizer(new double[] {0.5, 0.5, 0.5},
        new double[] {0.25, 0.25, 0.25}, 4);
    try (BackboneTrainer model = new BackboneTrainer(config, Device.cpu(), normalizer,
        AdamW.builder().setLearningRateTracker(Tracker.fixed(1e-4f)), 1.0, mixed, 42)) {
      double[] times = new double[steps];
      int skipped = 0;
      for (int step = 0; step < warmup + steps; step++) {
        long t0 = System.nanoTime();
        StepOutput out = model.trainStep(batch, orders, step);
        if (step >= warmup) {
          times[step - warmup] = (System.nanoTime() - t0) / 1e6;
        }
        skipped += out.skipped() ? 1 : 0;
      }
      return new double[] {median(times), skipped};
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
