package org.reorder.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.config.ExperimentConfig;
import org.reorder.patch.PatchBatch;
import org.reorder.policy.PlackettLucePolicy;
import org.reorder.policy.ReinforceOptimizer;
import org.reorder.policy.ReinforceStats;
import org.reorder.report.ReportData;
import org.reorder.report.RunDirectoryReader;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.Curriculum;
import org.reorder.train.CurriculumPlan;
import org.reorder.data.DataSplits;

/**
 * The driver end to end on local[2,2]: equivalence with the single-process curriculum, a two-run
 * sweep with its outputs, a task killed mid-round, and a driver restarted on its run directory.
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

  /** K = 1, R = 1: the driver's policy after the run equals the curriculum's (same seeds). */
  @Test
  void oneStepRoundsWithOneReplicaReproduceTheSingleProcessCurriculum() throws Exception {
    ExperimentConfig c = TinySweeps.experiment();
    // The curriculum runs on a fresh thread (PyTorch's grad mode is thread-local and on there),
    // as a Spark task would.
    double[][] expected = new double[1][];
    Exception[] failure = new Exception[1];
    Thread t = new Thread(() -> {
      try (Curriculum run = Curriculum.start(c, DataSplits.open(c), dir.resolve("curriculum"),
          Device.cpu())) {
        expected[0] = run.run().policyLogits();
      } catch (Exception e) {
        failure[0] = e;
      }
    });
    t.start();
    t.join();
    if (failure[0] != null) {
      throw failure[0];
    }
    SweepResult[] r = new SweepResult[1];
    TinySweeps.run(spark, SweepConfig.single(c,
        new SweepRuntime(1, 1, 1, dir.resolve("k1").toString())), 0, r);
    assertTrue(r[0].complete());
    assertEquals(12, r[0].roundsRun());
    double[] actual = r[0].outcomes().get(0).logits();
    double[] initial = PlackettLucePolicy.initFrom(new CurriculumPlan(c, 4)
        .prior(), c.reinforce().policy().initVariant()).logits();
    assertNotEquals(0, maxDiff(initial, expected[0]), "the policy must have moved");
    assertTrue(maxDiff(expected[0], actual) <= 1e-6, "max |diff| " + maxDiff(expected[0], actual));
  }

  /**
   * K = 3: the driver's policy equals an in-process reference that keeps the policy snapshot fixed
   * for each round's three steps and applies one update with their merged statistics (here the
   * rounds straddle the warm-up/policy and policy/fine-tune boundaries).
   */
  @Test
  void aRoundOfKStepsAppliesOneUpdateWithTheMergedStatistics() {
    ExperimentConfig c = TinySweeps.experiment();
    int k = 3;
    ReinforceOptimizer reference;
    try (DataSplits data = DataSplits.open(c)) {
      CurriculumPlan plan = new CurriculumPlan(c, data.train().stepsPerEpoch());
      reference = new ReinforceOptimizer(c.reinforce().policy(), plan.initialPolicy());
      BackboneTrainer model = plan.newModel(Device.cpu());
      for (int first = 0; first < plan.totalSteps(); first += k) {
        PlackettLucePolicy snapshot = reference.policy();
        double baseline = reference.baseline();
        ReinforceStats merged = null;
        for (int s = first; s < Math.min(first + k, plan.totalSteps()); s++) {
          PatchBatch batch = data.train().batch(s / plan.stepsPerEpoch(),
              s % plan.stepsPerEpoch());
          ReinforceStats st = plan.step(model, batch, s, snapshot, baseline).stats();
          if (st != null) {
            merged = merged == null ? st : merged.merge(st);
          }
        }
        if (merged != null) {
          reference.step(merged);
        }
      }
      model.close();
    }
    assertEquals(2, reference.stepCount()); // rounds [3, 6) and [6, 9) hold policy steps
    SweepResult[] r = new SweepResult[1];
    TinySweeps.run(spark, SweepConfig.single(c,
        new SweepRuntime(k, 1, 1, dir.resolve("k3").toString())), 0, r);
    double[] actual = r[0].outcomes().get(0).logits();
    assertTrue(maxDiff(reference.policy().logits(), actual) <= 1e-6,
        "max |diff| " + maxDiff(reference.policy().logits(), actual));
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
    // 3 epochs x (4 batches / 2 replicas) = 6 steps -> 2 rounds of 3 steps.
    assertEquals(2, r[0].roundsRun());
    assertTrue(printed.contains("vit-row-fixed") || printed.contains("fixed"), printed);
    assertTrue(printed.contains("ETA"), printed);
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

    JsonNode learned = JSON.readTree(Path.of(runDir, "runs", "vit-row-reorder",
        "learned-order.json").toFile());
    assertEquals(16, learned.get("learned").size());
    assertEquals(16, learned.get("logits").size());
    assertFalse(Files.exists(Path.of(runDir, "runs", "vit-row-fixed", "learned-order.json")));

    List<String> metrics = Files.readAllLines(Path.of(runDir, "runs", "vit-row-reorder",
        "metrics.jsonl"));
    assertEquals(2, metrics.size());
    JsonNode second = JSON.readTree(metrics.get(1));
    assertEquals(2, second.get("round").asInt());
    assertEquals(6, second.get("step").asInt());
    assertEquals(3 * 2 * 8, second.get("images").asInt()); // K x R x batch
    assertTrue(second.has("reward"), second.toString()); // the policy phase is steps 2..3
    assertEquals(2, spark.read().parquet(runDir + "/tables/metrics.parquet")
        .filter("run_id = 'vit-row-fixed'").count());

    // keep_checkpoints: 1 -> only the last round remains, committed, with both replicas' files.
    Path ckpt = Path.of(runDir, "runs", "vit-row-reorder", "checkpoints");
    try (var s = Files.list(ckpt)) {
      assertEquals(List.of("round-000002"), s.map(p -> p.getFileName().toString()).toList());
    }
    for (String f : List.of("_COMMITTED", "policy.json", "state.json", "model-r000.params",
        "model-r001.params", "optimizer-r000.bin", "optimizer-r001.bin")) {
      assertTrue(Files.exists(ckpt.resolve("round-000002").resolve(f)), f);
    }
    assertTrue(Files.readString(Path.of(runDir, "sweep.yaml")).contains("replicas: 2"));
    for (String run : List.of("vit-row-fixed", "vit-row-reorder")) {
      for (String f : List.of("summary.json", "final/model.params", "final/state.json",
          "final/config.yaml")) {
        assertTrue(Files.exists(Path.of(runDir, "runs", run, f)), run + "/" + f);
      }
    }
    assertTrue(Files.exists(Path.of(runDir, "runs", "vit-row-reorder", "final", "policy.json")));

    // The report reads the sweep's run directory: both accuracy cells, the learned order, curves.
    ReportData report = new RunDirectoryReader(new Configuration()).read(runDir, null);
    assertEquals(2, report.accuracy().size());
    assertEquals(1, report.learnedOrders().size());
    assertArrayEquals(learned.get("learned").traverse(JSON).readValueAs(int[].class),
        report.learnedOrders().get(0).learned().toArray());
    assertTrue(report.curves().get("vit-row-reorder").stream()
        .anyMatch(c -> c.metric().equals("reward")), report.curves().toString());

    // The same directory with a different sweep is refused.
    SweepConfig other = SweepConfig.parse("experiment:\n" + TinySweeps.EXPERIMENT.indent(2)
        + "models: [vit]\norders: [column]\n", "other.yaml", "two", null, runDir);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TinySweeps.run(spark, other, 0, new SweepResult[1]));
    assertTrue(e.getMessage().contains("different sweep"), e.getMessage());
  }

  /**
   * A task killed mid-round (after writing its model parameters, attempt 0) is retried by Spark
   * from the last committed round; a driver stopped after 2 rounds and started again resumes. Both
   * end with exactly the fault-free run's policy and model.
   */
  @Test
  void aKilledTaskAndARestartedDriverEndExactlyLikeTheFaultFreeRun() throws Exception {
    ExperimentConfig c = TinySweeps.experiment();
    SweepRuntime base = new SweepRuntime(2, 2, 2, dir.resolve("clean").toString());
    SweepResult[] clean = new SweepResult[1];
    TinySweeps.run(spark, SweepConfig.single(c, base), 0, clean);
    String id = clean[0].outcomes().get(0).runId();
    assertEquals(3, clean[0].roundsRun()); // 3 epochs x 2 steps, K = 2

    SweepResult[] faulted = new SweepResult[1];
    spark.sparkContext().setLocalProperty(SweepDriver.FAULT_CONF, id + ":2:1");
    try {
      TinySweeps.run(spark, SweepConfig.single(c,
          base.withRunDir(dir.resolve("faulted").toString())), 0, faulted);
    } finally {
      spark.sparkContext().setLocalProperty(SweepDriver.FAULT_CONF, null);
    }

    SweepRuntime resumedRuntime = base.withRunDir(dir.resolve("resumed").toString());
    SweepResult[] first = new SweepResult[1];
    String printed = TinySweeps.run(spark, SweepConfig.single(c, resumedRuntime), 2, first);
    assertFalse(first[0].complete());
    assertTrue(printed.contains("stopped after 2 rounds"), printed);
    SweepResult[] resumed = new SweepResult[1];
    printed = TinySweeps.run(spark, SweepConfig.single(c, resumedRuntime), 0, resumed);
    assertTrue(printed.contains("resuming"), printed);
    assertEquals(1, resumed[0].roundsRun());

    double[] expected = clean[0].outcomes().get(0).logits();
    assertArrayEquals(expected, faulted[0].outcomes().get(0).logits(), 0);
    assertArrayEquals(expected, resumed[0].outcomes().get(0).logits(), 0);
    for (String other : List.of("faulted", "resumed")) {
      for (String f : List.of("model-r000.params", "model-r001.params", "optimizer-r001.bin")) {
        assertArrayEquals(Files.readAllBytes(roundFile("clean", id, f)),
            Files.readAllBytes(roundFile(other, id, f)), other + " " + f);
      }
      assertEquals(clean[0].outcomes().get(0).top1(), (other.equals("faulted") ? faulted
          : resumed)[0].outcomes().get(0).top1());
    }
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
    assertTrue(overlap.overlapped(), "the two runs' tasks never trained at the same time");
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

  private static Path roundFile(String runDir, String id, String file) {
    return dir.resolve(runDir).resolve("runs").resolve(id).resolve("checkpoints")
        .resolve("round-000003").resolve(file);
  }

  private static double maxDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
