package org.reorder.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark (not a test): milliseconds per training step (forward, backward, Adam step) of one
 * backbone, and the process's peak resident memory. bench/backbones.sh runs it next to the
 * PyTorch twin (bench/backbones_torch.py) with the same sizes and thread count.
 *
 * <p>{@code BackboneBenchmark --model vit|transformer-xl|longformer|mamba --size tiny|small
 * [--batch B] [--warmup 3] [--steps 10]}; threads come from {@code -Dai.djl.pytorch.num_threads}.
 * Prints one JSON line. {@code -Dbench.profile=FILE} writes libtorch's Chrome trace of the
 * measured steps (bench/trace_ops.py summarises it).
 */
public final class BackboneBenchmark {

  /** A benchmark size: batch, patches, width, depth, heads, patchDim; 10 classes. */
  private record Size(int batch, int patches, int width, int depth, int heads, int patchDim) {}

  private BackboneBenchmark() {}

  public static void main(String[] args) throws IOException {
    String model = option(args, "--model", null);
    String sizeName = option(args, "--size", null);
    if (model == null || sizeName == null) {
      throw new IllegalArgumentException("usage: --model <type> --size tiny|small [--batch B] "
          + "[--warmup W] [--steps S]");
    }
    Size size = switch (sizeName) {
      case "tiny" -> new Size(64, 64, 64, 2, 2, 48);
      case "small" -> new Size(32, 196, 192, 4, 3, 768);
      default -> throw new IllegalArgumentException("--size must be tiny or small, got "
          + sizeName);
    };
    int batch = Integer.parseInt(option(args, "--batch", Integer.toString(size.batch())));
    int warmup = Integer.parseInt(option(args, "--warmup", "3"));
    int steps = Integer.parseInt(option(args, "--steps", "10"));
    ModelConfig config = ModelConfig.of(ModelType.fromName(model), ModelSize.MICRO,
        size.patchDim(), size.patches(), 10).withShape(size.width(), size.depth(), size.heads());
    double[] ms = run(config, batch, warmup, steps);
    System.out.println(String.format(Locale.ROOT,
        "{\"framework\": \"djl\", \"model\": \"%s\", \"size\": \"%s\", \"batch\": %d, "
            + "\"threads\": %s, \"ms_per_step\": %.2f, \"mean_ms_per_step\": %.2f, "
            + "\"cpu_ms_per_step\": %.2f, "
            + "\"peak_rss_mb\": %.1f}",
        model, sizeName, batch, System.getProperty("ai.djl.pytorch.num_threads", "default"),
        ms[0], ms[1], ms[2], peakRssMb()));
  }

  /**
   * The median and the mean wall time of {@code steps} training steps after {@code warmup} steps,
   * and the CPU
   * time of the whole process (all threads: robust on a shared machine, where wall time includes
   * waiting for a core) over those steps, per step.
   */
  private static double[] run(ModelConfig config, int batch, int warmup, int steps) {
    Engine.getInstance().setRandomSeed(42);
    Random random = new Random(42);
    Shape patchShape = new Shape(batch, config.numPatches(), config.patchDim());
    float[] patches = new float[Math.toIntExact(patchShape.size())];
    for (int i = 0; i < patches.length; i++) {
      patches[i] = (float) random.nextGaussian();
    }
    float[] labels = new float[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = random.nextInt(config.numClasses());
    }
    long[] order = new long[config.numPatches()];
    int[] perm = ModelFixtures.shuffled(config.numPatches(), 1);
    for (int k = 0; k < order.length; k++) {
      order[k] = perm[k];
    }
    try (Model model = Model.newInstance("bench")) {
      model.setBlock(Backbones.build(config));
      DefaultTrainingConfig training = new DefaultTrainingConfig(new MeanCrossEntropy())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build());
      try (Trainer trainer = model.newTrainer(training)) {
        trainer.initialize(patchShape, new Shape(1, config.numPatches()));
        pinMambaStepSize(model.getBlock());
        NDManager data = trainer.getManager();
        NDArray x = data.create(patches, patchShape);
        NDArray o = data.create(order, new Shape(1, order.length));
        NDArray y = data.create(labels);
        double[] times = new double[steps];
        OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String profile = System.getProperty("bench.profile");
        long cpuStart = 0;
        for (int step = 0; step < warmup + steps; step++) {
          if (step == warmup) {
            if (profile != null) {
              JniUtils.startProfile(false, false, false);
            }
            cpuStart = os.getProcessCpuTime();
          }
          long t0 = System.nanoTime();
          try (NDManager stepManager = data.newSubManager()) {
            // Views owned by the step, so every intermediate array is freed with it.
            NDList inputs = new NDList(view(x, stepManager), view(o, stepManager));
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray logits = trainer.forward(inputs).singletonOrThrow();
              collector.backward(trainer.getLoss().evaluate(new NDList(view(y, stepManager)),
                  new NDList(logits)));
            }
            trainer.step();
          }
          if (step >= warmup) {
            times[step - warmup] = (System.nanoTime() - t0) / 1e6;
          }
        }
        // The process's CPU clock ticks in 10 ms: its total over the measured steps is precise
        // where a per-step reading is not.
        double cpuPerStep = (os.getProcessCpuTime() - cpuStart) / 1e6 / steps;
        if (profile != null) {
          JniUtils.stopProfile(profile);
        }
        double mean = Arrays.stream(times).average().orElseThrow();
        Arrays.sort(times);
        double median = (times[(steps - 1) / 2] + times[steps / 2]) / 2;
        return new double[] {median, mean, cpuPerStep};
      }
    }
  }

  /**
   * Sets every Mamba {@code dt_bias} to softplus^-1(0.01), as the PyTorch twin does. The scan's
   * chunk length follows the largest {@code dt} of the batch (SelectiveScan.chunkLength), which
   * at the random initialisation differs between the two frameworks' draws; a small common
   * {@code dt} gives both the longest chunks, so they do the same work.
   */
  private static void pinMambaStepSize(Block block) {
    double dt = 0.01;
    float inverseSoftplus = (float) (dt + Math.log(-Math.expm1(-dt)));
    for (var p : block.getParameters()) {
      if (p.getKey().endsWith("dt_bias")) {
        p.getValue().getArray().set(new NDIndex(":"), inverseSoftplus);
      }
    }
  }

  private static NDArray view(NDArray a, NDManager owner) {
    NDArray v = a.get(new NDIndex());
    v.attach(owner);
    return v;
  }

  /** VmHWM of this process (peak resident set), in MB. */
  private static double peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
