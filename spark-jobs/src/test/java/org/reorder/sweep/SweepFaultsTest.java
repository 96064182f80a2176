package org.reorder.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.config.ExperimentConfig;
import org.reorder.data.DataIndex;
import org.reorder.policy.PolicyCheckpoint;
import org.reorder.policy.ReinforceOptimizer;
import org.reorder.round.ResidentReplicas;
import org.reorder.round.RoundTask;
import org.reorder.round.TaskResult;
import org.reorder.train.RunFiles;

/**
 * Faults and moves, each ending bit for bit like a clean run of the same sweep (K = 2, R = 2, 3
 * rounds): a task killed mid-round, a driver stopped and restarted, rounds restored from the
 * checkpoint instead of the executor's memory, a truncated or altered committed file, a run
 * directory copied elsewhere.
 */
class SweepFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExperimentConfig CONFIG = TinySweeps.experiment("model.dropout=0.1");
  private static SparkSession spark;
  private static String id;

  @TempDir static Path dir;

  @BeforeAll
  static void cleanRun() {
    spark = TinySweeps.session();
    SweepResult[] clean = new SweepResult[1];
    TinySweeps.run(spark, SweepConfig.single(CONFIG, runtime("clean", 2)), 0, clean);
    id = clean[0].outcomes().get(0).runId();
    assertEquals(3, clean[0].roundsRun()); // 3 epochs x 2 steps, K = 2
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static SweepRuntime runtime(String runDir, int resident) {
    return new SweepRuntime(2, 2, 3, resident, dir.resolve(runDir).toString());
  }

  private static SweepResult run(String runDir, int maxRounds) {
    SweepResult[] r = new SweepResult[1];
    TinySweeps.run(spark, SweepConfig.single(CONFIG, runtime(runDir, 2)), maxRounds, r);
    return r[0];
  }

  /** The run's final model, policy and the last round's files equal the clean run's. */
  private static void assertLikeTheCleanRun(String runDir) throws Exception {
    Path clean = dir.resolve("clean").resolve("runs").resolve(id);
    Path other = dir.resolve(runDir).resolve("runs").resolve(id);
    for (String f : List.of("final/model.params", "final/policy.json",
        "checkpoints/round-000003/model-s000.params",
        "checkpoints/round-000003/model-s001.params",
        "checkpoints/round-000003/optimizer-r001.bin", "summary.json")) {
      assertArrayEquals(Files.readAllBytes(clean.resolve(f)), Files.readAllBytes(other.resolve(f)),
          runDir + ": " + f);
    }
  }

  /** The kept states of a run are dropped with its last round (each is ~1 GB at ViT-B size). */
  @Test
  void aFinishedRunLeavesNoStateInTheExecutor() {
    assertEquals(0, kept("clean"));
    run("unfinished", 2);
    assertEquals(2, kept("unfinished")); // both replicas, ready for round 3
  }

  private static long kept(String runDir) {
    return ResidentReplicas.keys().stream()
        .filter(k -> k.contains("/" + runDir + "/runs/" + id + "#")).count();
  }

  @Test
  void aTaskKilledMidRoundIsRetriedFromTheCommittedRound() throws Exception {
    spark.sparkContext().setLocalProperty(RoundTask.FAULT_PROPERTY, id + ":2:1");
    try {
      run("faulted", 0);
    } finally {
      spark.sparkContext().setLocalProperty(RoundTask.FAULT_PROPERTY, null);
    }
    assertLikeTheCleanRun("faulted");
  }

  @Test
  void aDriverStoppedAfterTwoRoundsResumesFromTheRunDirectory() throws Exception {
    String printed = TinySweeps.run(spark, SweepConfig.single(CONFIG, runtime("resumed", 2)), 2,
        new SweepResult[1]);
    assertTrue(printed.contains("stopped after 2 rounds"), printed);
    printed = TinySweeps.run(spark, SweepConfig.single(CONFIG, runtime("resumed", 2)), 0,
        new SweepResult[1]);
    assertTrue(printed.contains("resuming"), printed);
    assertLikeTheCleanRun("resumed");
  }

  /**
   * Rounds that never find their replica's state in the executor (as when a round lands on
   * another executor) restore it from the checkpoint and end the same; the clean run did reuse
   * the kept states.
   */
  @Test
  void restoringEveryRoundFromTheCheckpointEqualsContinuingFromMemory() throws Exception {
    TinySweeps.run(spark, SweepConfig.single(CONFIG, runtime("restored", 0)), 0,
        new SweepResult[1]);
    assertLikeTheCleanRun("restored");
    assertEquals(List.of(0, 2, 2), residentPerRound("clean"));
    assertEquals(List.of(0, 0, 0), residentPerRound("restored"));
  }

  @Test
  void aTruncatedFileOfTheLatestRoundFallsBackToTheRoundBefore() throws Exception {
    run("truncated", 2);
    Path params = dir.resolve("truncated").resolve("runs").resolve(id)
        .resolve("checkpoints/round-000002/model-s001.params");
    byte[] bytes = Files.readAllBytes(params);
    Files.write(params, Arrays.copyOf(bytes, bytes.length / 2));
    String printed = TinySweeps.run(spark, SweepConfig.single(CONFIG, runtime("truncated", 2)), 0,
        new SweepResult[1]);
    assertTrue(printed.contains("committed round 2 is unusable")
        && printed.contains("model-s001.params") && printed.contains("resuming from round 1"),
        printed);
    assertLikeTheCleanRun("truncated");
  }

  @Test
  void anAlteredFileFoundWhileRestoringWithdrawsItsRoundAndFallsBack() throws Exception {
    run("altered", 2);
    Path optimizer = dir.resolve("altered").resolve("runs").resolve(id)
        .resolve("checkpoints/round-000002/optimizer-r000.bin");
    byte[] bytes = Files.readAllBytes(optimizer);
    bytes[bytes.length / 2] ^= 1; // same size: only the checksum can tell
    Files.write(optimizer, bytes);
    // A new driver on new executors: nothing kept in memory (resident_replicas 0 here, as the
    // test JVM still holds the replicas of round 2), so round 3 reads the altered file.
    String printed = TinySweeps.run(spark, SweepConfig.single(CONFIG, runtime("altered", 0)), 0,
        new SweepResult[1]);
    assertTrue(printed.contains("optimizer-r000.bin") && printed.contains("withdrawing round 2"),
        printed);
    assertLikeTheCleanRun("altered");
  }

  @Test
  void aCopiedRunDirectoryResumesWhereItIsNow() throws Exception {
    run("original", 2);
    copy(dir.resolve("original"), dir.resolve("moved"));
    String printed = TinySweeps.run(spark, SweepConfig.single(CONFIG, runtime("moved", 2)), 0,
        new SweepResult[1]);
    assertTrue(printed.contains("resuming"), printed);
    assertLikeTheCleanRun("moved");
    assertFalse(Files.readString(dir.resolve("moved").resolve(RunFiles.SWEEP))
        .contains("original"));
  }

  /** The driver refuses a round whose replayed policy differs from a task's, naming the logit. */
  @Test
  void aTaskWhosePolicyDiffersFromTheDriversReplayIsRefused() throws Exception {
    RunDirectory runDir = new RunDirectory(dir.resolve("replay").toString(), new Configuration());
    SweepConfig sweep = SweepConfig.single(CONFIG, runtime("replay", 2));
    RunSpec spec = sweep.runs().get(0);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    RunTracker tracker = RunTracker.open(spec, sweep.runtime(), runDir,
        DataIndex.of(spec.config(), new Configuration()), quiet);
    ReinforceOptimizer policy = new ReinforceOptimizer(tracker.plan().policyConfig(),
        tracker.plan().initialPolicy());
    double[] logits = policy.policy().logits();
    logits[5] += 1e-12;
    String wrong = new PolicyCheckpoint(PolicyCheckpoint.FORMAT_VERSION, policy.config(), logits,
        policy.firstMoment(), policy.secondMoment(), 0, 0, policy.baselineSet()).toJson();
    TaskResult.StepSums sums = new TaskResult.StepSums(2, 16, 10, 8, 1, 0, 1e-3, "warmup",
        Double.NaN, 1);
    TaskResult.RoundIo io = new TaskResult.RoundIo(false, 0, 0, 0, 0, 0);
    List<TaskResult> results = List.of(
        new TaskResult(id, 0, 1, List.of(), PolicyCheckpoint.of(policy).toJson(), Map.of(),
            List.of(), sums, io, ""),
        new TaskResult(id, 1, 1, List.of(), wrong, Map.of(), List.of(), sums, io, ""));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> tracker.finishRound(results, 1));
    assertTrue(e.getMessage().contains("replica 1") && e.getMessage().contains("logit 5")
        && e.getMessage().contains("not committed"), e.getMessage());
    assertEquals(0, tracker.committedRound());
  }

  private static List<Integer> residentPerRound(String runDir) throws Exception {
    Path metrics = dir.resolve(runDir).resolve("runs").resolve(id).resolve("metrics");
    List<Integer> out = new java.util.ArrayList<>();
    for (int round = 1; round <= 3; round++) {
      JsonNode line = JSON.readTree(Files.readAllLines(metrics.resolve(
          RunFiles.roundMetrics(round))).get(0));
      out.add(line.get("resident").asInt());
    }
    return out;
  }

  private static void copy(Path from, Path to) throws Exception {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
