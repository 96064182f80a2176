package org.reorder.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reorder.config.ExperimentConfig;
import org.reorder.policy.PlackettLucePolicy;
import org.reorder.policy.PolicyCheckpoint;
import org.reorder.report.ReportData;
import org.reorder.report.RunDirectoryReader;
import org.reorder.round.RoundSchedule;
import org.reorder.train.CurriculumPlan;
import org.reorder.train.RunFiles;

/**
 * The driver end to end on local[2,2]: per-step policy updates equal to the single-process
 * curriculum at every round length, R replicas against an in-process reference, a two-run sweep
 * with its outputs, and two runs training at once in one JVM.
 */
class SweepDriverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = TinySweeps.session();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /**
   * R = 1: after every round the driver's policy equals the single-process curriculum's at that
   * step, whatever the round length K (the rounds of K = 7 straddle the warm-up/policy and
   * policy/fine-tune boundaries; K = 50 is one round for the whole run).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 50})
  void afterEveryRoundThePolicyIsTheSingleProcessCurriculumsAtThatStep(int k) throws Exception {
    ExperimentConfig c = TinySweeps.experiment();
    double[][] perStep = InProcess.curriculumLogits(c, dir.resolve("curriculum-" + k));
    SweepResult[] r = new SweepResult[1];
    Path runDir = dir.resolve("k" + k);
    TinySweeps.run(spark, SweepConfig.single(c, new SweepRuntime(k, 1, 100, runDir.toString())),
        0, r);
    assertTrue(r[0].complete());
    int total = perStep.length - 1;
    assertEquals(RoundSchedule.rounds(total, k), r[0].roundsRun());
    String id = r[0].outcomes().get(0).runId();
    for (int round = 1; round <= RoundSchedule.rounds(total, k); round++) {
      double[] driver = policyOfRound(runDir, id, round).logits();
      double[] single = perStep[RoundSchedule.endStep(round, k, total)];
      assertTrue(maxDiff(single, driver) <= 1e-6, "K = " + k + ", round " + round
          + ": max |diff| " + maxDiff(single, driver));
    }
    double[] initial = PlackettLucePolicy.initFrom(new CurriculumPlan(c, 4).prior(),
        c.reinforce().policy().initVariant()).logits();
    assertNotEquals(0, maxDiff(initial, perStep[total]), "the policy must have moved");
  }

  /**
   * R = 2: the policy is updated after every step with both replicas' statistics, and the
   * parameters are averaged after every round (local SGD); the driver ends with the policy and the
   * final model of an in-process reference that does exactly that with two models.
   */
  @Test
  void twoReplicasEndLikeAnInProcessReferenceOfSynchronousPolicyAndLocalSgd() throws Exception {
    ExperimentConfig c = TinySweeps.experiment("model.dropout=0.1");
    InProcess.Result reference = InProcess.localSgd(c, 2, 3);
    SweepResult[] r = new SweepResult[1];
    Path runDir = dir.resolve("r2");
    TinySweeps.run(spark, SweepConfig.single(c, new SweepRuntime(3, 2, 1, runDir.toString())), 0,
        r);
    double[] logits = r[0].outcomes().get(0).logits();
    assertTrue(maxDiff(reference.logits(), logits) <= 1e-6,
        "max |diff| " + maxDiff(reference.logits(), logits));
    // The final model is the last round's replica mean, bit for bit.
    assertArrayEquals(reference.finalParams(), Files.readAllBytes(runDir.resolve("runs")
        .resolve(r[0].outcomes().get(0).runId()).resolve(RunFiles.FINAL)
        .resolve(RunFiles.PARAMS)));
    // The kept round holds what its manifest names and nothing the tasks left behind (the
    // replicas' parts of the average, replica 0's address).
    Path checkpoints = runDir.resolve("runs").resolve(r[0].outcomes().get(0).runId())
        .resolve(RunFiles.CHECKPOINTS);
    try (Stream<Path> files = Files.walk(checkpoints)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("replica-")).toList());
    }
  }

  /** Two runs (fixed and reorder), K = 3, R = 2: tables, learned order, metrics, summary. */
  @Test
  void aTwoRunSweepWritesItsTablesAndSummary() throws Exception {
    String runDir = dir.resolve("sweep").toString();
    SweepConfig sweep = SweepConfig.parse("experiment:\n" + TinySweeps.EXPERIMENT.indent(2)
        + "models: [vit]\norders: [row]\nmodes: [fixed, reorder]\n"
        + "runtime: {steps_per_round: 3, replicas: 2, keep_checkpoints: 1}\n", "sweep.yaml",
        "two", null, runDir);
    SweepResult[] r = new SweepResult[1];
    String printed = TinySweeps.run(spark, sweep, 0, r);
    // 3 epochs x (32 images / 2 replicas / batch 8) = 6 steps -> 2 rounds of 3 steps per run.
    assertEquals(2, r[0].roundsRun());
    assertTrue(printed.contains("vit-row-reorder round 2/2") && printed.contains("run ETA"),
        printed);
    assertTrue(printed.contains("Sweep two: 2 runs"), printed);

    Dataset<Row> acc = spark.read().parquet(runDir + "/tables/accuracy.parquet");
    assertEquals(2, acc.count());
    List<Row> rows = acc.orderBy("mode").collectAsList();
    assertEquals("fixed", rows.get(0).getAs("mode"));
    assertEquals("vit", rows.get(1).getAs("architecture"));
    for (Row row : rows) {
      double top1 = row.getAs("top1");
      double se = row.getAs("top1_se");
      assertTrue(top1 >= 0 && top1 <= 1);
      assertTrue(se >= 0 && se < 0.5, "se " + se);
      assertEquals(16, (int) row.getAs("images"));
    }
    JsonNode table = JSON.readTree(Path.of(runDir, "tables", "accuracy.json").toFile());
    assertEquals(2, table.size());

    Path run = Path.of(runDir, "runs", "vit-row-reorder");
    JsonNode learned = JSON.readTree(run.resolve("learned-order.json").toFile());
    assertEquals(16, learned.get("learned").size());
    assertEquals(16, learned.get("logits").size());
    assertFalse(Files.exists(Path.of(runDir, "runs", "vit-row-fixed", "learned-order.json")));

    // Metrics: a file per round, never rewritten; the round line and the epoch validations.
    List<String> second = Files.readAllLines(run.resolve("metrics").resolve("round-000002.jsonl"));
    JsonNode line = JSON.readTree(second.get(0));
    assertEquals(2, line.get("round").asInt());
    assertEquals(6, line.get("step").asInt());
    assertEquals(3 * 2 * 8, line.get("images").asInt()); // K x R x batch
    assertTrue(line.has("reward") && line.has("bytes_written"), line.toString());
    // 2 steps per epoch: round 1 (steps 1-3) validates after epoch 0, round 2 after epochs 1, 2.
    assertEquals(3, second.size(), second.toString());
    assertTrue(second.stream().skip(1).allMatch(l -> l.contains("\"kind\":\"eval\"")),
        second.toString());
    assertEquals(2, Files.readAllLines(run.resolve("metrics").resolve("round-000001.jsonl"))
        .size());
    assertEquals(2, spark.read().parquet(runDir + "/tables/metrics.parquet")
        .filter("run_id = 'vit-row-fixed' and kind = 'round'").count());

    // keep_checkpoints: 1 -> only the last round remains, committed, with both replicas' files.
    Path ckpt = run.resolve("checkpoints");
    try (var s = Files.list(ckpt)) {
      assertEquals(List.of("round-000002"), s.map(p -> p.getFileName().toString()).toList());
    }
    try (var s = Files.list(ckpt.resolve("round-000002"))) {
      assertEquals(List.of("_COMMITTED", "manifest.json", "model-s000.params", "model-s001.params",
          "optimizer-r000.bin", "optimizer-r001.bin", "policy.json", "state.json"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertTrue(Files.readString(Path.of(runDir, "sweep.yaml")).contains("replicas: 2"));
    assertFalse(Files.readString(Path.of(runDir, "sweep.yaml")).contains(runDir),
        "the run directory does not record where it is");
    for (String id : List.of("vit-row-fixed", "vit-row-reorder")) {
      for (String f : List.of("summary.json", "final/model.params", "final/state.json",
          "final/config.yaml")) {
        assertTrue(Files.exists(Path.of(runDir, "runs", id, f)), id + "/" + f);
      }
    }
    assertTrue(Files.exists(run.resolve("final").resolve("policy.json")));

    // summary.json: all 3 epochs; epochs 0 and 1 as the rounds validated them (metrics lines),
    // the last as the final validation of the averaged model; best = the highest of the three.
    JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
    JsonNode epochs = summary.get("epochs");
    assertEquals(3, epochs.size(), summary.toString());
    List<JsonNode> evals = new ArrayList<>();
    for (int round = 1; round <= 2; round++) {
      for (String l : Files.readAllLines(run.resolve("metrics")
          .resolve(RunFiles.roundMetrics(round)))) {
        JsonNode n = JSON.readTree(l);
        if (n.get("kind").asText().equals("eval")) {
          evals.add(n);
        }
      }
    }
    for (int e = 0; e < 2; e++) {
      assertEquals(e, epochs.get(e).get("epoch").asInt());
      assertEquals(evals.get(e).get("val_top1").asDouble(),
          epochs.get(e).get("evaluation").get("top1").asDouble());
    }
    assertEquals(summary.get("validation"), epochs.get(2).get("evaluation"));
    int best = 0;
    for (int e = 1; e < 3; e++) {
      if (epochs.get(e).get("evaluation").get("top1").asDouble()
          > epochs.get(best).get("evaluation").get("top1").asDouble()) {
        best = e;
      }
    }
    assertEquals(best, summary.get("best_epoch").asInt());
    JsonNode reorderRow = null;
    for (JsonNode row : table) {
      if (row.get("run_id").asText().equals("vit-row-reorder")) {
        reorderRow = row;
      }
    }
    assertEquals(epochs.get(best).get("evaluation").get("top1").asDouble(),
        reorderRow.get("best_top1").asDouble());
    assertEquals(best, reorderRow.get("best_epoch").asInt());

    // The report reads the sweep's run directory: both accuracy cells, the learned order, curves.
    ReportData report = new RunDirectoryReader(new Configuration()).read(runDir, null);
    assertEquals(2, report.accuracy().size());
    assertEquals(1, report.learnedOrders().size());
    assertArrayEquals(learned.get("learned").traverse(JSON).readValueAs(int[].class),
        report.learnedOrders().get(0).learned().toArray());
    assertTrue(report.curves().get("vit-row-reorder").stream()
        .anyMatch(c -> c.metric().equals("reward")), report.curves().toString());

    // The same directory with a different sweep is refused, naming what differs.
    SweepConfig other = SweepConfig.parse("experiment:\n" + TinySweeps.EXPERIMENT.indent(2)
        + "models: [vit]\norders: [column]\n", "other.yaml", "two", null, runDir);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TinySweeps.run(spark, other, 0, new SweepResult[1]));
    assertTrue(e.getMessage().contains("different sweep") && e.getMessage().contains("orders"),
        e.getMessage());
  }

  /**
   * Two runs whose tasks train at the same time in one JVM (local[2], dropout on) end bit for bit
   * like the same runs trained one after the other: no lock serialises the tasks, and neither
   * draws from the other's random stream.
   */
  @Test
  void twoRunsTrainingAtOnceInOneJvmEndLikeTheSameRunsOneAfterTheOther() throws Exception {
    String experiment = TinySweeps.EXPERIMENT.replace("patch_size: 4}",
        "patch_size: 4, dropout: 0.2}");
    String both = "experiment:\n" + experiment.indent(2)
        + "models: [vit]\norders: [row, spiral]\nmodes: [reorder]\n"
        + "runtime: {steps_per_round: 6, replicas: 1}\n";
    TaskOverlap overlap = new TaskOverlap();
    spark.sparkContext().addSparkListener(overlap);
    try {
      TinySweeps.run(spark, SweepConfig.parse(both, "both.yaml", "both", null,
          dir.resolve("together").toString()), 0, new SweepResult[1]);
    } finally {
      spark.sparkContext().removeSparkListener(overlap);
    }
    assertTrue(overlap.overlapped(), "the two runs' tasks never ran at the same time");
    for (String order : List.of("row", "spiral")) {
      TinySweeps.run(spark, SweepConfig.parse(both.replace("[row, spiral]", "[" + order + "]"),
          order + ".yaml", "both", null, dir.resolve("alone-" + order).toString()), 0,
          new SweepResult[1]);
      String id = "vit-" + order + "-reorder";
      for (String f : List.of("final/model.params", "final/policy.json")) {
        assertArrayEquals(Files.readAllBytes(dir.resolve("alone-" + order).resolve("runs")
            .resolve(id).resolve(f)), Files.readAllBytes(dir.resolve("together")
            .resolve("runs").resolve(id).resolve(f)), id + " " + f);
      }
    }
  }

  /** Records whether two tasks ever ran at once. */
  private static final class TaskOverlap extends org.apache.spark.scheduler.SparkListener {
    private int running;
    private boolean overlapped;

    @Override
    public synchronized void onTaskStart(org.apache.spark.scheduler.SparkListenerTaskStart e) {
      overlapped |= ++running > 1;
    }

    @Override
    public synchronized void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd e) {
      running--;
    }

    synchronized boolean overlapped() {
      return overlapped;
    }
  }

  private static PolicyCheckpoint policyOfRound(Path runDir, String id, int round)
      throws Exception {
    Path file = runDir.resolve("runs").resolve(id).resolve("checkpoints")
        .resolve(String.format("round-%06d", round)).resolve(RunFiles.POLICY);
    return PolicyCheckpoint.fromJson(Files.readString(file), file.toString());
  }

  static double maxDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
