package org.reorder.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.reorder.round.EvalTask;
import org.reorder.round.HadoopConf;
import org.reorder.round.PolicySnapshot;
import org.reorder.round.RoundSchedule;
import org.reorder.round.RoundTask;
import org.reorder.data.DataIndex;
import org.reorder.patch.SplitIndex;
import org.reorder.round.TaskResult;
import org.reorder.round.TaskSpec;
import org.reorder.train.Evaluation;
import org.reorder.train.RunSummary;
import org.reorder.train.Progress;

/**
 * Drives a sweep on Spark, round by round. The whole distributed split in one place:
 *
 * <ol>
 *   <li>Driver: open every run from the run directory (fresh, or its last committed round).
 *   <li>Per round, driver: for each unfinished run, snapshot its policy (logits, baseline,
 *       version) and broadcast the snapshots; build one {@link TaskSpec} per run replica.
 *   <li>Per round, executors: one task per spec ({@link RoundTask}) restores the replica from the
 *       last committed round (weights averaged over replicas), trains K steps on its shard, writes
 *       its model files into the uncommitted round and returns a {@link TaskResult}. A task that
 *       fails is retried by Spark ({@code spark.task.maxFailures}) and redoes the same work from
 *       the same committed round; a job that fails for good fails the sweep, which resumes from the
 *       last committed round when started again on the same run directory.
 *   <li>Per round, driver: merge each run's results (REINFORCE statistics are a monoid), apply one
 *       policy update, commit the round's checkpoint ({@code _COMMITTED} last), log metrics.
 *   <li>At the end: one evaluation job (a task per run), then tables, learned orders, summary.
 * </ol>
 */
public final class SweepDriver {
  /**
   * Test hook, a Spark conf or local property: {@code RUN:ROUND:REPLICA} whose first task attempt
   * fails after writing part of its checkpoint.
   */
  public static final String FAULT_CONF = "spark.reorder.test.failTask";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final SweepConfig sweep;
  private final SweepRuntime runtime;
  private final RunDirectory dir;
  private final HadoopConf hadoop;
  private final PrintStream out;

  private SweepDriver(SparkSession spark, SweepConfig sweep, PrintStream out) {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.sweep = sweep;
    this.runtime = sweep.runtime();
    this.hadoop = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    this.dir = new RunDirectory(runtime.runDir(), hadoop.get());
    this.out = out;
  }

  /**
   * Runs (or resumes) {@code sweep} to the end, or for at most {@code maxRounds} rounds when
   * positive (a later call on the same run directory continues).
   */
  public static SweepResult run(SparkSession spark, SweepConfig sweep, int maxRounds,
      PrintStream out) {
    return new SweepDriver(spark, sweep, out).run(maxRounds);
  }

  private SweepResult run(int maxRounds) {
    checkSameSweep();
    List<RunTracker> runs = new ArrayList<>();
    // The runs of a sweep usually share their data: index each split once.
    Map<String, SplitIndex> splits = new HashMap<>();
    DataIndex.SplitReader indexOnce = (data, split, limit) -> {
      String key = data + "\n" + split + "\n" + limit;
      SplitIndex index = splits.get(key);
      if (index == null) {
        index = SplitIndex.read(data, split, limit, hadoop.get());
        splits.put(key, index);
      }
      return index;
    };
    for (RunSpec spec : sweep.runs()) {
      runs.add(RunTracker.open(spec, runtime, dir, DataIndex.of(spec.config(), indexOnce)));
    }
    int totalRounds = runs.stream().mapToInt(RunTracker::totalRounds).sum();
    int doneAtStart = runs.stream().mapToInt(RunTracker::committedRound).sum();
    if (doneAtStart > 0) {
      out.printf(Locale.ROOT, "[sweep] resuming %s: %d of %d run-rounds already committed%n",
          dir.root(), doneAtStart, totalRounds);
    }
    long start = System.nanoTime();
    int jobs = 0;
    while (runs.stream().anyMatch(r -> !r.finished()) && (maxRounds <= 0 || jobs < maxRounds)) {
      double seconds = runRound(runs);
      jobs++;
      int done = runs.stream().mapToInt(RunTracker::committedRound).sum();
      double elapsed = (System.nanoTime() - start) / 1e9;
      double eta = elapsed / (done - doneAtStart) * (totalRounds - done);
      out.printf(Locale.ROOT, "[sweep] job %d: %.2f s | run-rounds %d/%d (%.1f%%) | elapsed %s | "
          + "ETA %s%s%n", jobs, seconds, done, totalRounds, 100.0 * done / totalRounds,
          Progress.clockTime(elapsed), Progress.clockTime(eta), roundDetail(runs));
    }
    if (runs.stream().anyMatch(r -> !r.finished())) {
      out.printf(Locale.ROOT, "[sweep] stopped after %d rounds; run again on %s to continue%n",
          jobs, dir.root());
      return new SweepResult(jobs, false, List.of());
    }
    List<RunOutcome> outcomes = evaluate(runs);
    SweepOutputs.write(spark, dir, runs, outcomes);
    out.print(SweepOutputs.summary(sweep.name(), outcomes));
    return new SweepResult(jobs, true, outcomes);
  }

  /** One Spark job: every unfinished run advances one round. Returns its wall time. */
  private double runRound(List<RunTracker> runs) {
    long t0 = System.nanoTime();
    String hook = spark.sparkContext().getLocalProperty(FAULT_CONF);
    String[] fault = (hook != null ? hook : spark.sparkContext().getConf().get(FAULT_CONF, ""))
        .split(":");
    Map<String, PolicySnapshot> snapshots = new HashMap<>();
    Map<String, RunTracker> active = new LinkedHashMap<>();
    List<RoundSchedule.RunPosition> positions = new ArrayList<>();
    for (RunTracker r : runs) {
      if (r.finished()) {
        continue;
      }
      r.prepareNextRound();
      int next = r.committedRound() + 1;
      int faultReplica = fault.length == 3 && fault[0].equals(r.spec().id())
          && fault[1].equals(Integer.toString(next)) ? Integer.parseInt(fault[2]) : -1;
      positions.add(r.position(faultReplica));
      snapshots.put(r.spec().id(), r.snapshot());
      active.put(r.spec().id(), r);
    }
    List<TaskSpec> tasks = RoundSchedule.tasks(positions, runtime.stepsPerRound(),
        runtime.replicas(), runtime.keepCheckpoints());
    Broadcast<Map<String, PolicySnapshot>> broadcast = jsc.broadcast(snapshots);
    List<TaskResult> results;
    try {
      jsc.setJobDescription("reorder " + sweep.name() + ": " + active.size() + " runs x "
          + runtime.replicas() + " replicas, " + runtime.stepsPerRound() + " steps");
      results = jsc.parallelize(tasks, tasks.size()).map(new RoundTask(broadcast, hadoop))
          .collect();
    } finally {
      broadcast.destroy();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, List<TaskResult>> byRun = new LinkedHashMap<>();
    for (TaskResult r : results) {
      byRun.computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, RunTracker> e : active.entrySet()) {
      RunTracker r = e.getValue();
      r.finishRound(r.committedRound() + 1, byRun.getOrDefault(e.getKey(), List.of()), seconds);
    }
    return seconds;
  }

  /**
   * The final validation of every run: an evaluation job for the runs without {@code
   * summary.json} (written in the trainer's {@code RunSummary} format, which the report reads),
   * plus each run's final model directory.
   */
  private List<RunOutcome> evaluate(List<RunTracker> runs) {
    List<EvalTask.Spec> pending = new ArrayList<>();
    for (RunTracker r : runs) {
      if (dir.read(summaryFile(r)).isEmpty()) {
        int epochs = r.spec().config().training().epochs();
        pending.add(new EvalTask.Spec(r.spec().id(), r.committedRound(), runtime.replicas(),
            r.plan().stepsPerEpoch(), r.spec().config().resolvedYaml(),
            dir.checkpoints(r.spec().id()), r.data(), r.plan().validationOrder(epochs - 1,
                r.reinforce() == null ? null : r.reinforce().policy()).toArray(),
            finalDir(r)));
      }
    }
    if (!pending.isEmpty()) {
      jsc.setJobDescription("reorder " + sweep.name() + ": final validation of "
          + pending.size() + " runs");
      List<EvalTask.Result> results = jsc.parallelize(pending, pending.size())
          .map(new EvalTask(hadoop)).collect();
      for (EvalTask.Spec spec : pending) {
        RunTracker r = runs.stream().filter(t -> t.spec().id().equals(spec.runId())).findFirst()
            .orElseThrow();
        EvalTask.Result e = results.stream().filter(x -> x.runId().equals(spec.runId()))
            .findFirst().orElseThrow();
        r.completeFinalModel(finalDir(r));
        RunSummary summary = new RunSummary(spec.runId(), r.plan().totalSteps(),
            r.plan().totalSteps(), spec.order(), new Evaluation(e.images(), e.loss(), e.top1(),
                e.top1Se(), e.top5(), e.top5Se()),
            r.reinforce() == null ? null : r.reinforce().policy().logits());
        dir.write(summaryFile(r), json(summary));
      }
    }
    List<RunOutcome> outcomes = new ArrayList<>();
    for (RunTracker r : runs) {
      RunSummary s;
      try {
        s = JSON.readValue(dir.read(summaryFile(r)).orElseThrow(), RunSummary.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + summaryFile(r), e);
      }
      RunSpec spec = r.spec();
      Evaluation v = s.validation();
      outcomes.add(new RunOutcome(spec.id(), spec.model(), spec.order(), spec.mode().cliName(),
          s.steps(), v.images(), v.loss(), v.top1(), v.top1Se(), v.top5(), v.top5Se(), s.order(),
          s.policyLogits()));
    }
    return outcomes;
  }

  private String summaryFile(RunTracker r) {
    return dir.run(r.spec().id()) + "/summary.json";
  }

  private String finalDir(RunTracker r) {
    return dir.run(r.spec().id()) + "/final";
  }

  /** Refuses a run directory that holds another sweep; records this one. */
  private void checkSameSweep() {
    String file = dir.path("sweep.yaml");
    dir.read(file).ifPresent(existing -> {
      if (!existing.equals(sweep.resolvedYaml())) {
        throw new IllegalStateException(dir.root() + " holds a different sweep (see " + file
            + "); resume it with the same config or choose another --run-dir");
      }
    });
    dir.write(file, sweep.resolvedYaml());
  }

  private static String roundDetail(List<RunTracker> runs) {
    // The run that advanced last with its newest metrics, so a long sweep shows signs of life.
    return runs.stream().filter(r -> !r.metricsLines().isEmpty()).reduce((a, b) ->
        b.committedRound() >= a.committedRound() ? b : a).map(r -> {
          String line = r.metricsLines().get(r.metricsLines().size() - 1);
          try {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            return String.format(Locale.ROOT, " | %s %s loss %.4f acc %.3f", r.spec().id(),
                n.path("phase").asText(), n.path("loss").asDouble(), n.path("train_acc").asDouble());
          } catch (IOException e) {
            return "";
          }
        }).orElse("");
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
