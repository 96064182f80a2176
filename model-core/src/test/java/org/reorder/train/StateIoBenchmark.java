package org.reorder.train;

import ai.djl.Device;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.reorder.config.ExperimentConfig;
import org.reorder.data.DataSplits;

/**
 * What writing and reading a replica's training state costs the task's thread, at a model size
 * up to ViT-B (86 M parameters: 344 MB of parameters, 688 MB of AdamW moments): the parameters
 * and the optimizer state written as a round writes them (into a CRC-32C-summing sink, as {@code
 * CheckpointStore} sums every file) and read back as a restore reads them. The baseline, measured
 * in the same rounds: streaming the same bytes from memory through CRC-32C in 64 KiB writes, the
 * least a round can spend on them. Not part of the build: {@code bench/state-io.sh [SIZE [ROUNDS]]}.
 */
public final class StateIoBenchmark {
  private static final String EXPERIMENT = """
      model: {model_type: vit, size: %s, patch_size: 16}
      data: {source: synthetic, image_size: 224, channels: 3, num_classes: 1000,
             synthetic: {train_size: 2, val_size: 2}}
      training: {epochs: 1, batch_size: 1, warmup_epochs: 0, order: row}
      runtime: {device: cpu, progress: false}
      """;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private StateIoBenchmark() {}

  public static void main(String[] args) throws IOException {
    String size = args.length > 0 ? args[0] : "base";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ExperimentConfig config = ExperimentConfig.parse(String.format(Locale.ROOT, EXPERIMENT, size),
        "bench", "bench", List.of());
    try (DataSplits data = DataSplits.open(config)) {
      CurriculumPlan plan = new CurriculumPlan(config, data.train().stepsPerEpoch());
      try (BackboneTrainer model = plan.newModel(Device.cpu())) {
        plan.step(model, data.train().batch(0, 0), 0, null, 0); // AdamW's moments exist now
        List<String> names = model.parameters().stream().map(p -> p.getKey()).toList();
        ByteArrayOutputStream optimizer = new ByteArrayOutputStream();
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        model.writeOptimizer(optimizer);
        model.writeParameters(params, names);
        byte[] optimizerBytes = optimizer.toByteArray();
        byte[] paramBytes = params.toByteArray();
        double gb = (optimizerBytes.length + paramBytes.length) / 1e9;
        System.out.printf(Locale.ROOT, "ViT %s: parameters %.0f MB, optimizer state %.0f MB; "
            + "CPU and wall seconds per GB of state, %d rounds%n", size, paramBytes.length / 1e6,
            optimizerBytes.length / 1e6, rounds);
        System.out.println("| round | write CPU | write wall | read CPU | read wall "
            + "| baseline CPU | write / baseline | read / baseline |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int r = 0; r < rounds; r++) {
          double[] write = timed(() -> {
            model.writeOptimizer(new ChecksumSink());
            model.writeParameters(new ChecksumSink(), names);
          });
          double[] read = timed(() -> {
            model.readOptimizer(new ByteArrayInputStream(optimizerBytes));
            model.readParameters(new ByteArrayInputStream(paramBytes), "params");
          });
          double[] base = timed(() -> {
            stream(optimizerBytes, new ChecksumSink());
            stream(paramBytes, new ChecksumSink());
          });
          System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f | %.3f | %.1f | %.1f |%n",
              r, write[0] / gb, write[1] / gb, read[0] / gb, read[1] / gb, base[0] / gb,
              write[0] / base[0], read[0] / base[0]);
        }
      }
    }
  }

  private interface Work {
    void run() throws IOException;
  }

  /** {CPU seconds of this thread, wall seconds} of {@code work}. */
  private static double[] timed(Work work) throws IOException {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    work.run();
    return new double[] {(THREADS.getCurrentThreadCpuTime() - cpu) / 1e9,
        (System.nanoTime() - wall) / 1e9};
  }

  private static void stream(byte[] bytes, OutputStream out) throws IOException {
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      in.transferTo(out); // 8 KiB reads: the transfer a store's copy makes
    }
  }

  /** Sums what it is given, as the checkpoint store's output does, and keeps nothing. */
  private static final class ChecksumSink extends OutputStream {
    private final CRC32C crc = new CRC32C();

    @Override
    public void write(int b) {
      crc.update(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      crc.update(b, off, len);
    }
  }
}
