package org.reorder.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.reorder.checkpoint.CheckpointStore;
import org.reorder.checkpoint.CorruptCheckpointException;
import org.reorder.checkpoint.FileDigest;
import org.reorder.checkpoint.Manifest;
import org.reorder.data.DataIndex;
import org.reorder.data.DataSplits;
import org.reorder.policy.PolicyCheckpoint;
import org.reorder.policy.ReinforceOptimizer;
import org.reorder.policy.ReinforceStats;
import org.reorder.round.RoundSchedule;
import org.reorder.round.TaskResult;
import org.reorder.round.TaskSpec;
import org.reorder.train.CurriculumPlan;
import org.reorder.train.MetricsLog;
import org.reorder.train.RunFiles;
import org.reorder.train.RunState;

/**
 * The driver's state of one run: its plan, the authoritative policy (REOrder runs hold one {@link
 * ReinforceOptimizer}), its last committed round and where each replica ran. Opening it resumes from
 * the newest intact committed round of the run directory. {@link #finishRound} replays the round's
 * policy updates from the tasks' per-step statistics, checks that they end where the tasks' own
 * copies ended, commits the round's checkpoint and writes its metrics.
 */
final class RunTracker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ROUND_METRICS = Pattern.compile("round-(\\d{6,})\\.jsonl");

  private final RunSpec spec;
  private final CurriculumPlan plan;
  private final SweepRuntime runtime;
  private final RunDirectory dir;
  private final CheckpointStore store;
  private final DataIndex data;
  private final List<String> metrics = new ArrayList<>();
  private final Map<Integer, String> locations = new HashMap<>();
  private ReinforceOptimizer reinforce;
  private int round; // last committed round (0: none)
  private Manifest manifest; // its manifest (null: none)

  private RunTracker(RunSpec spec, CurriculumPlan plan, SweepRuntime runtime, RunDirectory dir,
      DataIndex data) {
    this.spec = spec;
    this.plan = plan;
    this.runtime = runtime;
    this.dir = dir;
    this.data = data;
    this.store = new CheckpointStore(dir.checkpoints(spec.id()), dir.conf(),
        runtime.keepCheckpoints());
  }

  /**
   * The run's state from the run directory: fresh, or its newest intact committed round (a round
   * whose files do not match its manifest is reported on {@code warnings} and passed over).
   *
   * @param data the run's data index (read once, on the driver, from footers only)
   */
  static RunTracker open(RunSpec spec, SweepRuntime runtime, RunDirectory dir, DataIndex data,
      PrintStream warnings) {
    int stepsPerEpoch = DataSplits.plan(spec.config(), data, runtime.replicas()).stepsPerEpoch();
    RunTracker t = new RunTracker(spec, new CurriculumPlan(spec.config(), stepsPerEpoch), runtime,
        dir, data);
    String configFile = dir.run(spec.id(), RunFiles.CONFIG);
    if (dir.read(configFile).isEmpty()) {
      dir.write(configFile, spec.config().resolvedYaml());
    }
    t.resumeNewestIntact(warnings);
    return t;
  }

  private void resumeNewestIntact(PrintStream warnings) {
    reinforce = plan.learnsOrder()
        ? new ReinforceOptimizer(plan.policyConfig(), plan.initialPolicy()) : null;
    round = 0;
    manifest = null;
    List<Integer> rounds = store.committedRounds();
    List<String> problems = new ArrayList<>();
    for (int i = rounds.size() - 1; i >= 0; i--) {
      try {
        adopt(store.manifest(rounds.get(i)));
        break;
      } catch (CorruptCheckpointException e) {
        problems.add(e.getMessage());
        warnings.printf("[sweep] run %s: committed round %d is unusable: %s%n", spec.id(),
            rounds.get(i), e.getMessage());
      }
    }
    if (!problems.isEmpty() && manifest == null) {
      throw new IllegalStateException("run " + spec.id() + ": no committed round is intact ("
          + String.join("; ", problems) + "); delete " + dir.checkpoints(spec.id())
          + " to start the run over");
    }
    if (!problems.isEmpty()) {
      warnings.printf("[sweep] run %s: resuming from round %d instead%n", spec.id(), round);
    }
    readMetrics();
  }

  /** Makes committed round {@code m.round()} the run's state, after checking its files. */
  private void adopt(Manifest m) {
    store.verifySizes(m);
    RunState state;
    ReinforceOptimizer policy = null;
    try {
      state = JSON.readValue(store.readAll(m, RunFiles.STATE), RunState.class);
      if (plan.learnsOrder()) {
        policy = PolicyCheckpoint.fromJson(new String(store.readAll(m, RunFiles.POLICY),
            StandardCharsets.UTF_8), store.roundDir(m.round()) + "/" + RunFiles.POLICY)
            .toOptimizer();
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read round " + m.round() + " of run " + spec.id()
          + ": " + e.getMessage(), e);
    }
    int expected = RoundSchedule.endStep(m.round(), runtime.stepsPerRound(), plan.totalSteps());
    if (state.step() != expected || state.stepsPerEpoch() != plan.stepsPerEpoch()
        || state.seed() != spec.config().training().seed()) {
      throw new IllegalStateException("run " + spec.id() + ": checkpoint round " + m.round()
          + " has step " + state.step() + ", " + state.stepsPerEpoch() + " steps per epoch, seed "
          + state.seed() + "; this sweep expects " + expected + ", " + plan.stepsPerEpoch() + ", "
          + spec.config().training().seed() + " (runtime or config changed since?)");
    }
    reinforce = policy;
    round = m.round();
    manifest = m;
  }

  /**
   * Takes a committed round found corrupt while a task read it out of the run's history, and falls
   * back to the newest intact round before it.
   */
  void fallBack(CorruptCheckpointException e, PrintStream warnings) {
    warnings.printf("[sweep] run %s: %s; withdrawing round %d%n", spec.id(), e.getMessage(),
        e.round());
    store.uncommit(e.round());
    resumeNewestIntact(warnings);
  }

  /** The lines of the committed rounds' metrics files; those of later rounds are stale. */
  private void readMetrics() {
    metrics.clear();
    Map<Integer, String> files = new TreeMap<>();
    for (FileStatus f : dir.list(dir.run(spec.id(), RunFiles.ROUND_METRICS))) {
      Matcher m = ROUND_METRICS.matcher(f.getPath().getName());
      if (m.matches()) {
        files.put(Integer.parseInt(m.group(1)), f.getPath().toString());
      }
    }
    files.forEach((r, file) -> {
      if (r <= round) {
        dir.read(file).orElse("").lines().filter(l -> !l.isBlank()).forEach(metrics::add);
      } else {
        dir.delete(file);
      }
    });
  }

  RunSpec spec() {
    return spec;
  }

  CurriculumPlan plan() {
    return plan;
  }

  /** The run's data index. */
  DataIndex data() {
    return data;
  }

  int committedRound() {
    return round;
  }

  /** The last committed round's manifest (null before the first). */
  Manifest manifest() {
    return manifest;
  }

  int totalRounds() {
    return RoundSchedule.rounds(plan.totalSteps(), runtime.stepsPerRound());
  }

  boolean finished() {
    return round >= totalRounds();
  }

  /** The policy (null in fixed-order runs). */
  ReinforceOptimizer reinforce() {
    return reinforce;
  }

  List<String> metricsLines() {
    return List.copyOf(metrics);
  }

  /** Where replica {@code replica}'s last round ran ({@code executor_<host>_<id>}), if known. */
  String location(int replica) {
    return locations.get(replica);
  }

  /** Removes what an interrupted or withdrawn attempt left of the rounds after the committed one. */
  void prepareNextRound() {
    store.discardFrom(round + 1);
  }

  /**
   * Reads the committed round back in full; the corruption found, if any (after a failed round:
   * its tasks may have failed on a file that does not match the manifest).
   */
  java.util.Optional<CorruptCheckpointException> corruption() {
    if (manifest == null) {
      return java.util.Optional.empty();
    }
    try {
      store.verifyContents(manifest);
      return java.util.Optional.empty();
    } catch (CorruptCheckpointException e) {
      return java.util.Optional.of(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read round " + round + " of run " + spec.id() + ": "
          + e.getMessage(), e);
    }
  }

  /** One task per replica for the next round ({@code attempt}: the driver's try at it). */
  List<TaskSpec> nextTasks(int attempt) {
    int next = round + 1;
    int first = RoundSchedule.firstStep(next, runtime.stepsPerRound());
    int end = RoundSchedule.endStep(next, runtime.stepsPerRound(), plan.totalSteps());
    String policy = reinforce == null ? null : PolicyCheckpoint.of(reinforce).toJson();
    List<TaskSpec> tasks = new ArrayList<>();
    for (int r = 0; r < runtime.replicas(); r++) {
      tasks.add(new TaskSpec(dir.run(spec.id()), spec.id(), r, runtime.replicas(), next, attempt,
          first, end, plan.stepsPerEpoch(), spec.config().resolvedYaml(), dir.checkpoints(spec.id()),
          data, policy, manifest, runtime.residentReplicas()));
    }
    return tasks;
  }

  /**
   * Replays round {@code round + 1}'s policy updates from the tasks' statistics (merged over the
   * replicas in replica order, one update per policy step, as the tasks did), checks that the
   * result is exactly the policy each task ended with, commits the round and writes its metrics.
   *
   * @return the round's metrics line
   */
  MetricsLog.Line finishRound(List<TaskResult> results, double roundSeconds) {
    int next = round + 1;
    TaskResult[] byReplica = new TaskResult[runtime.replicas()];
    for (TaskResult r : results) {
      if (r.round() != next || r.replica() < 0 || r.replica() >= byReplica.length
          || byReplica[r.replica()] != null) {
        throw new IllegalStateException("run " + spec.id() + " round " + next
            + ": unexpected or duplicate result for replica " + r.replica() + " round " + r.round());
      }
      byReplica[r.replica()] = r;
    }
    if (Arrays.stream(byReplica).anyMatch(r -> r == null)) {
      throw new IllegalStateException("run " + spec.id() + " round " + next + ": "
          + results.size() + " results for " + byReplica.length + " replicas");
    }
    double baselineBefore = reinforce == null ? Double.NaN : reinforce.baseline();
    long versionBefore = reinforce == null ? 0 : reinforce.stepCount();
    ReinforceStats roundStats = replayPolicy(next, byReplica);
    Map<String, FileDigest> written = new LinkedHashMap<>();
    for (TaskResult r : byReplica) {
      r.written().forEach((name, digest) -> {
        FileDigest other = written.putIfAbsent(name, digest);
        if (other != null && !other.equals(digest)) {
          throw new IllegalStateException("run " + spec.id() + " round " + next + ": replicas "
              + "disagree on " + name + " (" + other + " and " + digest + ")");
        }
      });
    }
    int step = RoundSchedule.endStep(next, runtime.stepsPerRound(), plan.totalSteps());
    commit(next, step, written);
    for (TaskResult r : byReplica) {
      locations.put(r.replica(), r.location());
    }
    List<MetricsLog.Line> lines = new ArrayList<>();
    MetricsLog.Line line = RoundMetrics.line(spec.id(), next, step, plan, byReplica, roundStats,
        reinforce, baselineBefore, versionBefore, roundSeconds);
    lines.add(line);
    for (TaskResult.EpochValidation v : byReplica[0].validations()) {
      lines.add(v.evaluation().metricsLine(v.step(), v.epoch(), plan.phase(v.epoch()), v.order())
          .put("run_id", spec.id()).put("round", next));
    }
    List<String> json = lines.stream().map(MetricsLog.Line::toJson).toList();
    dir.write(dir.run(spec.id(), RunFiles.ROUND_METRICS + "/" + RunFiles.roundMetrics(next)),
        String.join("\n", json) + "\n");
    metrics.addAll(json);
    return line;
  }

  /**
   * Applies the round's policy updates to the driver's policy and checks it against every task's.
   *
   * @return the round's statistics summed over its policy steps and replicas (null: none)
   */
  private ReinforceStats replayPolicy(int next, TaskResult[] byReplica) {
    List<TaskResult.PolicyStep> steps = byReplica[0].policySteps();
    ReinforceStats total = null;
    for (int k = 0; k < steps.size(); k++) {
      ReinforceStats merged = null;
      for (TaskResult r : byReplica) {
        TaskResult.PolicyStep s = r.policySteps().get(k);
        if (s.step() != steps.get(k).step() || r.policySteps().size() != steps.size()) {
          throw new IllegalStateException("run " + spec.id() + " round " + next + ": replica "
              + r.replica() + " reports other policy steps than replica 0");
        }
        merged = merged == null ? s.stats() : merged.merge(s.stats());
      }
      reinforce.step(merged);
      total = total == null ? merged : total.merge(merged);
    }
    for (TaskResult r : byReplica) {
      String mine = reinforce == null ? null : PolicyCheckpoint.of(reinforce).toJson();
      if (mine == null ? r.policyAfter() != null : !mine.equals(r.policyAfter())) {
        throw new IllegalStateException("run " + spec.id() + " round " + next + ": the driver's "
            + "replay of the policy updates does not end where replica " + r.replica()
            + "'s copy did (" + difference(mine, r.policyAfter()) + "); the "
            + "round is not committed");
      }
    }
    return total;
  }

  private void commit(int next, int step, Map<String, FileDigest> written) {
    int spe = plan.stepsPerEpoch();
    int epochs = spec.config().training().epochs();
    RunState state = new RunState(RunState.FORMAT_VERSION, step, step / spe, step % spe, spe,
        spec.config().training().seed(),
        plan.phase(Math.min(step / spe, epochs - 1)).cliName(),
        reinforce == null ? 0 : reinforce.baseline());
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (reinforce != null) {
      files.put(RunFiles.POLICY, PolicyCheckpoint.of(reinforce).toJson()
          .getBytes(StandardCharsets.UTF_8));
    }
    try {
      files.put(RunFiles.STATE, JSON.writeValueAsBytes(state));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    manifest = store.commit(next, written, files);
    round = next;
  }

  /**
   * Completes the final-model directory the evaluation task wrote {@code model.params} into: the
   * last committed round's {@code state.json} and {@code policy.json}, and the run's config.
   */
  void completeFinalModel(String finalDir) {
    try {
      dir.write(finalDir + "/" + RunFiles.STATE, store.readAll(manifest, RunFiles.STATE));
      if (reinforce != null) {
        dir.write(finalDir + "/" + RunFiles.POLICY, store.readAll(manifest, RunFiles.POLICY));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy round " + round + " of run " + spec.id()
          + " into " + finalDir + ": " + e.getMessage(), e);
    }
    dir.write(finalDir + "/" + RunFiles.CONFIG, spec.config().resolvedYaml());
  }

  /** The first field in which two policy checkpoints (JSON) differ, for an error message. */
  private static String difference(String driver, String task) {
    if (driver == null || task == null) {
      return driver == null ? "the driver holds no policy" : "the task returned no policy";
    }
    PolicyCheckpoint a = PolicyCheckpoint.fromJson(driver, "the driver's policy");
    PolicyCheckpoint b = PolicyCheckpoint.fromJson(task, "the task's policy");
    for (int j = 0; j < a.logits().length; j++) {
      if (Double.compare(a.logits()[j], b.logits()[j]) != 0) {
        return "logit " + j + ": " + a.logits()[j] + " on the driver, " + b.logits()[j]
            + " in the task";
      }
    }
    if (a.step() != b.step()) {
      return "policy updates: " + a.step() + " on the driver, " + b.step() + " in the task";
    }
    return "baseline " + a.baseline() + " on the driver, " + b.baseline() + " in the task, or "
        + "the optimizer's moments";
  }
}
