package org.reorder.sweep;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;
import org.reorder.config.ExperimentConfig;
import org.reorder.patch.PatchBatch;
import org.reorder.policy.ReinforceOptimizer;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.CurriculumPlan;
import org.reorder.train.RunFiles;
import org.reorder.data.DataSplits;

/**
 * Overhead of the round machinery: the time a REOrder run spends in its round jobs, against the
 * same steps in one process (no Spark, no checkpoints), for K = 1, 10, 100; then a two-run sweep
 * on local[1] and local[2], read against what the machine gives two trainings at once without any
 * round machinery (the same single-process steps in two threads together). Not part of the build;
 * run with {@code bench/rounds.sh}.
 */
public final class RoundsBenchmark {
  private static final String EXPERIMENT = """
      model: {model_type: vit, width: 32, depth: 2, heads: 2, patch_size: 8}
      data: {source: synthetic, image_size: 32, channels: 3, num_classes: 10,
             synthetic: {train_size: %d, val_size: 64}}
      training: {epochs: 1, batch_size: 16, warmup_epochs: 0, order: hilbert,
                 bootstrap_samples: 100}
      reinforce: {enabled: true, start_after: 0, stop_after: 1}
      runtime: {device: cpu, progress: false}
      """;

  private RoundsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int sweepK = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    ExperimentConfig config = ExperimentConfig.parse(String.format(Locale.ROOT, EXPERIMENT,
        16 * steps), "bench", "bench", List.of());
    Path tmp = Files.createTempDirectory("rounds-bench-");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    System.out.printf(Locale.ROOT, "Distributed rounds benchmark: %d policy-phase steps of a "
        + "2-block ViT (width 32, 16 patches, batch 16)%n", steps);

    singleProcess(config, 10); // warm-up: engine start, JIT
    // The machine is shared: the single-process time is measured before each K and after the
    // last, and each K is compared with the fastest of them (the least disturbed measurement).
    int[] ks = {1, 10, 100};
    double[] singles = new double[ks.length + 1];
    double[] jobs = new double[ks.length];
    int[] roundCounts = new int[ks.length];
    SparkSession spark = session("local[1]");
    for (int i = 0; i < ks.length; i++) {
      singles[i] = singleProcess(config, steps);
      String dir = tmp.resolve("k" + ks[i]).toString();
      SweepDriver.run(spark, SweepConfig.single(config, new SweepRuntime(ks[i], 1, 1, dir)), 0,
          quiet);
      double[] rounds = roundSeconds(Path.of(dir, "runs"));
      roundCounts[i] = rounds.length;
      for (double r : rounds) {
        jobs[i] += r;
      }
    }
    spark.stop();
    singles[ks.length] = singleProcess(config, steps);
    double base = Double.MAX_VALUE;
    double worst = 0;
    for (double t : singles) {
      base = Math.min(base, t);
      worst = Math.max(worst, t);
    }
    System.out.printf(Locale.ROOT, "single process: fastest %.2f s (%.1f ms/step), slowest %.2f s "
        + "of %d measurements%n", base, 1000 * base / steps, worst, singles.length);
    System.out.println("| K | rounds | time in round jobs (s) | single process (s) | ratio | "
        + "overhead per round (ms) |");
    System.out.println("|---|---|---|---|---|---|");
    for (int i = 0; i < ks.length; i++) {
      System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f | %.0f |%n", ks[i],
          roundCounts[i], jobs[i], base, jobs[i] / base, 1000 * (jobs[i] - base) / roundCounts[i]);
    }

    // A reference for the two-run sweep below: two single-process trainings at once, no Spark.
    // On a machine whose cores share caches, memory bandwidth or a hypervisor's time, this is
    // below 2x whatever the round machinery does.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Future<Double> first = pool.submit(() -> singleProcess(config, steps));
    Future<Double> second = pool.submit(() -> singleProcess(config, steps));
    double pair = Math.max(first.get(), second.get());
    pool.shutdown();
    double pairSpeedUp = 2 * base / pair;
    System.out.printf(Locale.ROOT, "two single processes at once (two threads, no Spark): %.2f s, "
        + "%.2fx the throughput of one%n", pair, pairSpeedUp);

    String sweep = "experiment:\n" + String.format(Locale.ROOT, EXPERIMENT, 16 * steps)
        .indent(2) + "models: [vit]\norders: [row, column]\nmodes: [reorder]\n"
        + "runtime: {steps_per_round: " + sweepK + ", replicas: 1}\n";
    double[] wall = new double[2];
    for (int t = 1; t <= 2; t++) {
      spark = session("local[" + t + "]");
      long t0 = System.nanoTime();
      SweepDriver.run(spark, SweepConfig.parse(sweep, "bench-sweep", "bench", null,
          tmp.resolve("sweep-" + t).toString()), 0, quiet);
      wall[t - 1] = (System.nanoTime() - t0) / 1e9;
      spark.stop();
      // Where the wall time went: each run's rounds (and the training in them); the rest of the
      // sweep (data index, final validations, tables) runs outside the rounds.
      StringBuilder runs = new StringBuilder();
      try (var dirs = Files.list(tmp.resolve("sweep-" + t).resolve(RunFiles.RUNS))) {
        for (Path run : dirs.sorted().toList()) {
          double rounds = 0;
          double train = 0;
          for (JsonNode n : roundLines(run)) {
            rounds += n.get("round_s").asDouble();
            train += n.get("train_s").asDouble();
          }
          runs.append(String.format(Locale.ROOT, "; %s: rounds %.2f s (training %.2f s)",
              run.getFileName(), rounds, train));
        }
      }
      System.out.printf(Locale.ROOT, "two-run sweep, local[%d]: %.2f s%s%n", t, wall[t - 1],
          runs);
    }
    System.out.printf(Locale.ROOT, "two-run sweep (K=%d): local[1] %.2f s, local[2] %.2f s, "
        + "speed-up %.2f (two single processes at once: %.2f)%n", sweepK, wall[0], wall[1],
        wall[0] / wall[1], pairSpeedUp);
    try (var files = Files.walk(tmp)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Seconds for {@code steps} policy-phase steps in this process, the policy updated per step. */
  private static double singleProcess(ExperimentConfig config, int steps) {
    try (DataSplits data = DataSplits.open(config)) {
      CurriculumPlan plan = new CurriculumPlan(config, data.train().stepsPerEpoch());
      ReinforceOptimizer reinforce = new ReinforceOptimizer(plan.policyConfig(),
          plan.initialPolicy());
      BackboneTrainer model = plan.newModel(Device.cpu());
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        PatchBatch batch = data.train().batch(0, s % plan.stepsPerEpoch());
        CurriculumPlan.StepResult r = plan.step(model, batch, s, reinforce.policy(),
            reinforce.baseline());
        reinforce.step(r.stats());
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      model.close();
      return seconds;
    }
  }

  /** The round_s of every round of the only run under {@code runs}. */
  private static double[] roundSeconds(Path runs) throws Exception {
    try (var dirs = Files.list(runs)) {
      return roundLines(dirs.findFirst().orElseThrow()).stream()
          .mapToDouble(n -> n.get("round_s").asDouble()).toArray();
    }
  }

  /** The round lines of a run's per-round metrics files, in round order. */
  private static List<JsonNode> roundLines(Path run) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    try (var files = Files.list(run.resolve(RunFiles.ROUND_METRICS))) {
      for (Path f : files.sorted().toList()) {
        for (String l : Files.readAllLines(f)) {
          JsonNode n = json.readTree(l);
          if (n.has("round_s")) {
            lines.add(n);
          }
        }
      }
    }
    return lines;
  }

  private static SparkSession session(String master) {
    SparkSession s = SparkSession.builder().master(master).appName("rounds-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    s.sparkContext().setLogLevel("ERROR");
    return s;
  }
}
