package org.reorder.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.reorder.checkpoint.CheckpointStore;
import org.reorder.data.DataIndex;
import org.reorder.data.DataSplits;
import org.reorder.policy.PolicyCheckpoint;
import org.reorder.policy.ReinforceOptimizer;
import org.reorder.policy.ReinforceStats;
import org.reorder.round.PolicySnapshot;
import org.reorder.round.RoundSchedule;
import org.reorder.round.TaskResult;
import org.reorder.train.CurriculumPlan;
import org.reorder.train.RunState;

/**
 * The driver's state of one run: its plan, its policy (REOrder runs hold one {@link
 * ReinforceOptimizer}) and its last committed round. Opening it resumes from the run directory;
 * {@link #finishRound} merges a round's task results, applies one policy update, and commits the
 * round's checkpoint.
 */
final class RunTracker {
  static final String POLICY_FILE = "policy.json";
  static final String STATE_FILE = "state.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunSpec spec;
  private final CurriculumPlan plan;
  private final SweepRuntime runtime;
  private final RunDirectory dir;
  private final CheckpointStore store;
  private final DataIndex data;
  private final List<String> metrics = new ArrayList<>();
  private ReinforceOptimizer reinforce;
  private int round; // last committed round (0: none)

  private RunTracker(RunSpec spec, CurriculumPlan plan, SweepRuntime runtime, RunDirectory dir,
      DataIndex data) {
    this.spec = spec;
    this.data = data;
    this.plan = plan;
    this.runtime = runtime;
    this.dir = dir;
    this.store = new CheckpointStore(dir.checkpoints(spec.id()), dir.conf(),
        runtime.keepCheckpoints());
    this.reinforce = plan.learnsOrder()
        ? new ReinforceOptimizer(spec.config().reinforce().policy(), plan.initialPolicy()) : null;
  }

  /**
   * The run's state from the run directory: fresh, or its last committed round.
   *
   * @param data the run's data index (read once, on the driver, from footers only)
   */
  static RunTracker open(RunSpec spec, SweepRuntime runtime, RunDirectory dir, DataIndex data) {
    int stepsPerEpoch = DataSplits.plan(spec.config(), data, runtime.replicas()).stepsPerEpoch();
    RunTracker t = new RunTracker(spec, new CurriculumPlan(spec.config(), stepsPerEpoch), runtime,
        dir, data);
    String configFile = dir.run(spec.id()) + "/config.yaml";
    if (dir.read(configFile).isEmpty()) {
      dir.write(configFile, spec.config().resolvedYaml());
    }
    OptionalInt latest = t.store.latestRound();
    if (latest.isPresent()) {
      t.resume(latest.getAsInt());
    }
    return t;
  }

  private void resume(int committed) {
    RunState state = readState(committed);
    int expected = RoundSchedule.endStep(committed, runtime.stepsPerRound(), plan.totalSteps());
    if (state.step() != expected || state.stepsPerEpoch() != plan.stepsPerEpoch()
        || state.seed() != spec.config().training().seed()) {
      throw new IllegalStateException("run " + spec.id() + ": checkpoint round " + committed
          + " has step " + state.step() + ", " + state.stepsPerEpoch() + " steps per epoch, seed "
          + state.seed() + "; this sweep expects " + expected + ", " + plan.stepsPerEpoch() + ", "
          + spec.config().training().seed() + " (runtime or config changed since?)");
    }
    if (reinforce != null) {
      reinforce = PolicyCheckpoint.fromJson(new String(store.read(committed, POLICY_FILE),
          StandardCharsets.UTF_8), store.roundDir(committed) + "/" + POLICY_FILE).toOptimizer();
    }
    round = committed;
    dir.read(metricsFile()).ifPresent(text -> text.lines().filter(l -> !l.isBlank())
        .filter(l -> roundOf(l) <= committed).forEach(metrics::add));
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

  /** Where the run stands, for the next job. */
  RoundSchedule.RunPosition position(int injectFaultReplica) {
    return new RoundSchedule.RunPosition(spec.id(), round + 1, plan.totalSteps(),
        plan.stepsPerEpoch(), spec.config().resolvedYaml(), dir.checkpoints(spec.id()), data,
        injectFaultReplica);
  }

  /** The snapshot the next round's tasks use. */
  PolicySnapshot snapshot() {
    return reinforce == null ? PolicySnapshot.none()
        : new PolicySnapshot(reinforce.stepCount(), reinforce.policy(), reinforce.baseline());
  }

  /** Removes leftovers of an interrupted attempt at the next round. */
  void prepareNextRound() {
    store.discardUncommitted(round + 1);
  }

  /**
   * Merges the results of round {@code next} (one per replica), applies one REINFORCE update with
   * the summed statistics, commits the round and rewrites the metrics file.
   *
   * @return the round's metrics line
   */
  ObjectNode finishRound(int next, List<TaskResult> results, double roundSeconds) {
    if (next != round + 1) {
      throw new IllegalStateException("run " + spec.id() + " expected round " + (round + 1)
          + ", got " + next);
    }
    Map<Integer, TaskResult> byReplica = new LinkedHashMap<>();
    for (TaskResult r : results) {
      if (r.round() != next || byReplica.put(r.replica(), r) != null) {
        throw new IllegalStateException("run " + spec.id() + " round " + next
            + ": unexpected or duplicate result for replica " + r.replica() + " round " + r.round());
      }
    }
    if (byReplica.size() != runtime.replicas()) {
      throw new IllegalStateException("run " + spec.id() + " round " + next + ": "
          + byReplica.size() + " results for " + runtime.replicas() + " replicas");
    }
    // Sum in replica order so the merged floating-point sums never depend on arrival order.
    ReinforceStats stats = null;
    TaskResult.StepSums sums = null;
    for (int r = 0; r < runtime.replicas(); r++) {
      TaskResult t = byReplica.get(r);
      if (t.stats() != null) {
        stats = stats == null ? t.stats() : stats.merge(t.stats());
      }
      sums = sums == null ? t.metrics() : sums.merge(t.metrics());
    }
    double baselineUsed = reinforce == null ? Double.NaN : reinforce.baseline();
    long versionUsed = reinforce == null ? 0 : reinforce.stepCount();
    if (stats != null && stats.count() > 0) {
      reinforce.step(stats); // one update per round with the statistics of all K x R batches
    }
    int step = RoundSchedule.endStep(next, runtime.stepsPerRound(), plan.totalSteps());
    commit(next, step);
    round = next;
    ObjectNode line = metricsLine(next, step, sums, stats, baselineUsed, versionUsed,
        roundSeconds);
    metrics.add(line.toString());
    dir.write(metricsFile(), String.join("\n", metrics) + "\n");
    return line;
  }

  private void commit(int next, int step) {
    int spe = plan.stepsPerEpoch();
    int epochs = spec.config().training().epochs();
    RunState state = new RunState(RunState.FORMAT_VERSION, step, step / spe, step % spe, spe,
        spec.config().training().seed(),
        plan.phase(Math.min(step / spe, epochs - 1)).cliName(),
        reinforce == null ? 0 : reinforce.baseline());
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (reinforce != null) {
      files.put(POLICY_FILE, PolicyCheckpoint.of(reinforce).toJson()
          .getBytes(StandardCharsets.UTF_8));
    }
    try {
      files.put(STATE_FILE, JSON.writeValueAsBytes(state));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.commitWith(next, files);
  }

  /**
   * Completes the final-model directory the evaluation task wrote {@code model.params} into: the
   * last committed round's {@code state.json} and {@code policy.json}, and the run's config.
   */
  void completeFinalModel(String finalDir) {
    dir.write(finalDir + "/" + STATE_FILE, store.read(round, STATE_FILE));
    if (reinforce != null) {
      dir.write(finalDir + "/" + POLICY_FILE, store.read(round, POLICY_FILE));
    }
    dir.write(finalDir + "/config.yaml", spec.config().resolvedYaml());
  }

  private RunState readState(int committed) {
    try {
      return JSON.readValue(store.read(committed, STATE_FILE), RunState.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read " + store.roundDir(committed) + "/"
          + STATE_FILE + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode metricsLine(int next, int step, TaskResult.StepSums s, ReinforceStats stats,
      double baselineUsed, long versionUsed, double roundSeconds) {
    ObjectNode line = JSON.createObjectNode();
    line.put("kind", "round");
    line.put("run_id", spec.id());
    line.put("round", next);
    line.put("step", step);
    line.put("epoch", (step - 1) / plan.stepsPerEpoch());
    line.put("phase", s.lastPhase());
    putFinite(line, "loss", s.lossSum() / s.images());
    putFinite(line, "train_acc", s.correct() / s.images());
    putFinite(line, "lr", s.lastLr());
    putFinite(line, "grad_norm", s.gradNormSum() / (s.steps() - s.skippedUpdates()));
    if (s.skippedUpdates() > 0) {
      line.put("skipped_updates", s.skippedUpdates());
    }
    line.put("images", s.images());
    if (stats != null && stats.count() > 0) {
      putFinite(line, "reward", stats.meanReward());
      putFinite(line, "reward_std", stats.rewardStd());
      putFinite(line, "baseline", baselineUsed);
      putFinite(line, "temperature", s.lastTemperature());
      putFinite(line, "policy_loss", reinforce.lastLoss());
      putFinite(line, "policy_grad_norm", reinforce.lastGradNorm());
      line.put("policy_version", versionUsed);
    }
    putFinite(line, "task_s", s.seconds());
    putFinite(line, "round_s", roundSeconds);
    return line;
  }

  private static void putFinite(ObjectNode line, String key, double v) {
    if (Double.isFinite(v)) {
      line.put(key, v);
    }
  }

  private String metricsFile() {
    return dir.run(spec.id()) + "/metrics.jsonl";
  }

  private static int roundOf(String jsonLine) {
    try {
      return JSON.readTree(jsonLine).path("round").asInt(Integer.MAX_VALUE);
    } catch (IOException e) {
      return Integer.MAX_VALUE; // a torn last line: dropped
    }
  }
}
