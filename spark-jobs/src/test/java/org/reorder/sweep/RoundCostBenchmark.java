package org.reorder.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.reorder.config.ExperimentConfig;
import org.reorder.train.RunFiles;

/**
 * What a round costs besides its steps, from the round metrics the driver writes (round_s,
 * train_s, restore_s, save_s, resident, bytes_read, bytes_written): for model sizes up to ViT-B
 * (86 M parameters), R = 1, 2, 4 replicas, on local disk and through a file system throttled to
 * 200 MB/s ({@link ThrottledFileSystem}), with the replicas' states kept in memory between rounds
 * and without (every round restored from the checkpoint, as when a round lands on another
 * executor). Not part of the build: {@code bench/rounds.sh cost [SIZES [REPLICA_COUNTS]]}.
 */
public final class RoundCostBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPERIMENT = """
      model: {model_type: vit, size: %s, patch_size: 16}
      data: {source: synthetic, image_size: 224, channels: 3, num_classes: 1000,
             synthetic: {train_size: %d, val_size: 4}}
      training: {epochs: 1, batch_size: 1, eval_batch_size: 4, warmup_epochs: 0, order: row,
                 bootstrap_samples: 10}
      reinforce: {enabled: true, start_after: 0, stop_after: 1}
      runtime: {device: cpu, progress: false}
      """;
  private static final int K = 2;
  private static final int ROUNDS = 3;

  private RoundCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> sizes = args.length > 0 ? List.of(args[0].split(",")) : List.of("micro",
        "small", "base");
    Path tmp = Files.createTempDirectory("round-cost-");
    System.out.printf(Locale.ROOT, "Round costs: ViT at 224 px / p16, batch 1, K = %d, %d rounds;"
        + " times are the largest over the replicas, rounds 2..%d averaged%n", K, ROUNDS, ROUNDS);
    System.out.println("| size | R | storage | states | fixed work per round (s) | restore (s) "
        + "| save (s) | MB read per replica | MB written per replica |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    SparkSession spark = SparkSession.builder().master("local[4]").appName("round-cost")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.hadoop.fs.throttled.impl", ThrottledFileSystem.class.getName())
        .config("spark.hadoop.fs.throttled.impl.disable.cache", "true").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    int n = 0;
    for (String size : sizes) {
      int[] replicaCounts = args.length > 1
          ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
          : size.equals("base") ? new int[] {1, 2, 4} : new int[] {1, 2};
      for (int replicas : replicaCounts) {
        for (String storage : List.of("file", "throttled")) {
          for (int resident : new int[] {replicas, 0}) {
            ExperimentConfig config = ExperimentConfig.parse(String.format(Locale.ROOT,
                EXPERIMENT, size, K * ROUNDS * replicas), "bench", "bench", List.of());
            String dir = storage + "://" + tmp.resolve("run" + n++);
            SweepDriver.run(spark, SweepConfig.single(config,
                new SweepRuntime(K, replicas, 1, resident, dir)), 0, quiet);
            double[] m = meanOverLaterRounds(Path.of(dir.substring(dir.indexOf("://") + 3)));
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.2f | %.2f | %.2f | %.0f | "
                + "%.0f |%n", size, replicas, storage.equals("file") ? "local disk"
                : "200 MB/s", resident > 0 ? "kept" : "restored", m[0], m[1], m[2],
                m[3] / 1e6, m[4] / 1e6);
          }
        }
      }
    }
    spark.stop();
    // Spark's barrier stages (R > 1) leave a non-daemon timer thread behind in the driver's JVM
    // (BarrierTaskContext's "Barrier task timer"), which would keep it alive; the CLI exits too.
    System.exit(0);
  }

  /**
   * Means over rounds 2.. of: round_s - train_s, restore_s, save_s, bytes_read, bytes_written.
   */
  private static double[] meanOverLaterRounds(Path runDir) throws Exception {
    Path runs = runDir.resolve(RunFiles.RUNS);
    Path run;
    try (var s = Files.list(runs)) {
      run = s.findFirst().orElseThrow();
    }
    List<JsonNode> lines = new ArrayList<>();
    for (int round = 2; round <= ROUNDS; round++) {
      lines.add(JSON.readTree(Files.readAllLines(run.resolve(RunFiles.ROUND_METRICS)
          .resolve(RunFiles.roundMetrics(round))).get(0)));
    }
    double[] m = new double[5];
    for (JsonNode l : lines) {
      m[0] += l.get("round_s").asDouble() - l.get("train_s").asDouble();
      m[1] += l.get("restore_s").asDouble();
      m[2] += l.get("save_s").asDouble();
      m[3] += l.get("bytes_read").asDouble();
      m[4] += l.get("bytes_written").asDouble();
    }
    for (int i = 0; i < m.length; i++) {
      m[i] /= lines.size();
    }
    return m;
  }
}
