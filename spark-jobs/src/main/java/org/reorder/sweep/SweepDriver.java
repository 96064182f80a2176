package org.reorder.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.reorder.data.DataIndex;
import org.reorder.patch.SplitIndex;
import org.reorder.round.EvalTask;
import org.reorder.round.HadoopConf;
import org.reorder.round.RoundTask;
import org.reorder.round.TaskResult;
import org.reorder.round.TaskSpec;
import org.reorder.train.Evaluation;
import org.reorder.train.MetricsLog;
import org.reorder.train.RunFiles;
import org.reorder.train.RunSummary;
import org.reorder.train.ValidationHistory;
import scala.reflect.ClassTag$;

/**
 * Drives a sweep on Spark. The whole distributed split in one place:
 *
 * <ol>
 *   <li>Driver: open every run from the run directory (fresh, or its newest intact committed
 *       round) and index its data from the Parquet footers, once per split.
 *   <li>Every unfinished run advances on its own thread, in its own fair-scheduler pool, so a fast
 *       run never waits for a slow one. Each round of a run is one Spark job of R tasks (with R > 1
 *       a barrier stage), each task preferring the executor that ran its replica's previous round.
 *   <li>Executors ({@link RoundTask}): continue the replica from the state the executor kept, or
 *       restore it from the committed round; train K steps, updating the task's copy of the policy
 *       after every policy-phase step exactly as one process would; write the round's files once;
 *       return the per-step REINFORCE statistics. A failed task is retried by Spark ({@code
 *       spark.task.maxFailures}; a barrier stage as a whole) from the same committed round.
 *   <li>Driver: replay the round's policy updates on the policy it holds, check they end where the
 *       tasks' copies did, commit the round ({@code manifest.json}, then {@code _COMMITTED}),
 *       write its metrics. A committed file found corrupt withdraws its round and the run falls
 *       back to the round before.
 *   <li>When a run's last round is committed, its final validation (one task), then, once every
 *       run is done, the sweep's tables and summary.
 * </ol>
 */
public final class SweepDriver {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final SweepConfig sweep;
  private final SweepRuntime runtime;
  private final RunDirectory dir;
  private final HadoopConf hadoop;
  private final PrintStream out;
  private volatile boolean stopping;

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
   * Runs (or resumes) {@code sweep} to the end, or for at most {@code maxRounds} rounds of each run
   * when positive (a later call on the same run directory continues).
   */
  public static SweepResult run(SparkSession spark, SweepConfig sweep, int maxRounds,
      PrintStream out) {
    return new SweepDriver(spark, sweep, out).run(maxRounds);
  }

  private SweepResult run(int maxRounds) {
    checkSameSweep();
    List<RunTracker> runs = openRuns();
    SweepProgress progress = new SweepProgress(out, runs);
    if (progress.committedAtStart() > 0) {
      out.printf("[sweep] resuming %s: %d of %d run-rounds already committed%n", dir.root(),
          progress.committedAtStart(), progress.totalRounds());
    }
    ExecutorService threads = Executors.newFixedThreadPool(runs.size(), r -> {
      Thread t = new Thread(r, "reorder-run");
      t.setDaemon(true);
      return t;
    });
    List<Future<Integer>> advancing = new ArrayList<>();
    for (RunTracker run : runs) {
      advancing.add(threads.submit(() -> advance(run, maxRounds, progress)));
    }
    int most = 0;
    RuntimeException failure = null;
    for (Future<Integer> f : advancing) {
      try {
        most = Math.max(most, f.get());
      } catch (ExecutionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
            : new IllegalStateException(e.getCause());
        failure = failure == null ? cause : failure;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new IllegalStateException("interrupted", e);
      }
    }
    threads.shutdown();
    if (failure != null) {
      throw failure;
    }
    if (runs.stream().anyMatch(r -> !r.finished())) {
      out.printf("[sweep] stopped after %d rounds per run; run again on %s to continue%n",
          maxRounds, dir.root());
      return new SweepResult(most, false, List.of());
    }
    List<RunOutcome> outcomes = outcomes(runs);
    SweepOutputs.write(spark, dir, runs, outcomes);
    out.print(SweepOutputs.summary(sweep.name(), outcomes));
    return new SweepResult(most, true, outcomes);
  }

  private List<RunTracker> openRuns() {
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
    List<RunTracker> runs = new ArrayList<>();
    for (RunSpec spec : sweep.runs()) {
      runs.add(RunTracker.open(spec, runtime, dir, DataIndex.of(spec.config(), indexOnce), out));
    }
    return runs;
  }

  /**
   * One run's rounds in its own fair-scheduler pool, then its final validation.
   *
   * @return the rounds it ran
   */
  private int advance(RunTracker run, int maxRounds, SweepProgress progress) {
    spark.sparkContext().setLocalProperty("spark.scheduler.pool", run.spec().id());
    int rounds = 0;
    int failures = 0;
    try {
      while (!run.finished() && (maxRounds <= 0 || rounds < maxRounds) && !stopping) {
        try {
          long start = System.nanoTime();
          List<TaskResult> results = runRound(run, failures);
          double seconds = (System.nanoTime() - start) / 1e9;
          MetricsLog.Line line = run.finishRound(results, seconds);
          rounds++;
          failures = 0;
          progress.roundCommitted(run, line, seconds);
        } catch (Exception e) { // Spark's SparkException is checked, though Java is not told
          // A corrupt committed file fails every attempt: look for one before anything else.
          var corrupt = run.corruption();
          if (corrupt.isPresent()) {
            run.fallBack(corrupt.get(), out);
            continue;
          }
          // Spark retries a failed task, but not a failed barrier stage (R > 1): the driver does.
          if (runtime.replicas() == 1 || ++failures >= roundAttempts()) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
          }
          out.printf("[sweep] run %s round %d failed (%s); trying it again (%d of %d)%n",
              run.spec().id(), run.committedRound() + 1, message(e), failures + 1,
              roundAttempts());
        }
      }
      if (run.finished() && dir.read(dir.run(run.spec().id(), RunFiles.SUMMARY)).isEmpty()) {
        evaluate(run);
      }
      return rounds;
    } catch (RuntimeException e) {
      stopping = true; // the other runs stop after their current round
      throw new IllegalStateException("run " + run.spec().id() + " failed in round "
          + (run.committedRound() + 1) + ": " + message(e), e);
    }
  }

  /** Attempts at one round of R > 1 replicas: Spark's task attempts, {@code spark.task.maxFailures}. */
  private int roundAttempts() {
    return spark.sparkContext().getConf().getInt("spark.task.maxFailures", 4);
  }

  /** One Spark job: the run's R tasks of its next round, the driver's {@code attempt} at it. */
  private List<TaskResult> runRound(RunTracker run, int attempt) {
    run.prepareNextRound();
    List<TaskSpec> tasks = run.nextTasks(attempt);
    List<String> locations = new ArrayList<>();
    for (TaskSpec t : tasks) {
      locations.add(run.location(t.replica()));
    }
    jsc.setJobDescription("reorder " + sweep.name() + ": " + run.spec().id() + " round "
        + tasks.get(0).round() + " (" + tasks.size() + " replicas, steps "
        + tasks.get(0).firstStep() + "-" + (tasks.get(0).endStep() - 1) + ")");
    JavaRDD<TaskSpec> rdd = PreferredLocations.rdd(jsc, tasks, locations);
    RoundTask task = new RoundTask(hadoop);
    return tasks.size() == 1 ? rdd.map(task).collect()
        : rdd.rdd().barrier().mapPartitions(task.barrier(), true,
            ClassTag$.MODULE$.apply(TaskResult.class)).toJavaRDD().collect();
  }

  /** The final validation of a finished run, and its model directory and summary. */
  private void evaluate(RunTracker r) {
    int epochs = r.spec().config().training().epochs();
    String finalDir = dir.run(r.spec().id(), RunFiles.FINAL);
    int[] order = r.plan().validationOrder(epochs - 1,
        r.reinforce() == null ? null : r.reinforce().policy()).toArray();
    EvalTask.Spec spec = new EvalTask.Spec(r.spec().id(), runtime.replicas(),
        r.plan().stepsPerEpoch(), r.spec().config().resolvedYaml(),
        dir.checkpoints(r.spec().id()), r.manifest(), r.data(), order, finalDir);
    jsc.setJobDescription("reorder " + sweep.name() + ": final validation of " + r.spec().id());
    EvalTask.Result e = jsc.parallelize(List.of(spec), 1).map(new EvalTask(hadoop)).collect()
        .get(0);
    r.completeFinalModel(finalDir);
    // The epoch validations the rounds recorded (replica 0's model), the last epoch's replaced
    // by this validation of the final, replica-averaged model.
    ValidationHistory history = ValidationHistory.fromMetricsLines(r.metricsLines());
    history.add(new ValidationHistory.Entry(epochs - 1, r.plan().phase(epochs - 1).cliName(),
        e.evaluation()));
    RunSummary summary = RunSummary.of(r.spec().id(), r.plan().totalSteps(),
        r.plan().totalSteps(), order, history,
        r.reinforce() == null ? null : r.reinforce().policy().logits());
    dir.write(dir.run(r.spec().id(), RunFiles.SUMMARY), json(summary));
  }

  private List<RunOutcome> outcomes(List<RunTracker> runs) {
    List<RunOutcome> outcomes = new ArrayList<>();
    for (RunTracker r : runs) {
      String file = dir.run(r.spec().id(), RunFiles.SUMMARY);
      RunSummary s;
      try {
        s = JSON.readValue(dir.read(file).orElseThrow(), RunSummary.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      RunSpec spec = r.spec();
      Evaluation v = s.validation();
      Evaluation best = s.bestOrFinal();
      int bestEpoch = s.bestEpoch() != null ? s.bestEpoch()
          : spec.config().training().epochs() - 1;
      outcomes.add(new RunOutcome(spec.id(), spec.model(), spec.order(), spec.mode().cliName(),
          s.steps(), v.images(), v.loss(), v.top1(), v.top1Se(), v.top5(), v.top5Se(),
          best.top1(), best.top1Se(), bestEpoch, s.order(), s.policyLogits()));
    }
    return outcomes;
  }

  /**
   * Refuses a run directory that holds another sweep, naming the first key that differs; records
   * this one. Only what changes the runs' results counts: where the directory is (so a copied or
   * moved one resumes), how many checkpoints it keeps and how many replica states executors keep
   * may change between invocations.
   */
  private void checkSameSweep() {
    String file = dir.path(RunFiles.SWEEP);
    dir.read(file).ifPresent(existing -> {
      JsonNode stored = comparable(existing, file);
      JsonNode current = comparable(sweep.resolvedYaml(), "this sweep");
      String difference = SweepDifference.first("", stored, current);
      if (difference != null) {
        throw new IllegalStateException(dir.root() + " holds a different sweep (" + difference
            + "; see " + file + "): resume it with the same config or choose another --run-dir");
      }
    });
    dir.write(file, sweep.resolvedYaml());
  }

  private static JsonNode comparable(String yaml, String source) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      if (tree != null && tree.path("runtime") instanceof ObjectNode runtime) {
        runtime.remove(List.of("run_dir", "keep_checkpoints", "resident_replicas"));
      }
      return tree;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + source + " as YAML: " + e.getMessage(), e);
    }
  }

  /** The innermost message of {@code e}: what went wrong, without Spark's wrapping. */
  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
