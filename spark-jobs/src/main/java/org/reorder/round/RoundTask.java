package org.reorder.round;

import ai.djl.engine.Engine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.reorder.checkpoint.CheckpointStore;
import org.reorder.checkpoint.FileDigest;
import org.reorder.checkpoint.Manifest;
import org.reorder.config.ExperimentConfig;
import org.reorder.data.DataSplits;
import org.reorder.device.TaskDevice;
import org.reorder.patch.PatchBatch;
import org.reorder.policy.PolicyCheckpoint;
import org.reorder.policy.ReinforceStats;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.CurriculumPlan;
import org.reorder.train.Evaluation;
import org.reorder.train.RunFiles;
import org.reorder.train.Seeds;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/**
 * The body of one task: one replica of one run advances K steps. In order:
 *
 * <ol>
 *   <li>take over the replica's state its executor kept from the previous round, if it is exactly
 *       what was committed, or restore it: a model with the round's averaged parameters and the
 *       replica's own optimizer state, read straight from the checkpoint;
 *   <li>train the round's steps on the replica's shard; after every policy-phase step apply the
 *       policy update the single-process curriculum applies, to the task's own copy of the policy
 *       (with R replicas, with the statistics of all R, exchanged through a barrier);
 *   <li>write the replica's optimizer state and the round's parameters, each once, streamed to
 *       the file system; with R replicas each averages one shard of the parameters;
 *   <li>keep the state for the next round (unless the run ends here) and return the per-step
 *       statistics.
 * </ol>
 *
 * Everything it computes is a function of the spec and the committed checkpoint, so a retried
 * attempt redoes exactly the same work and overwrites the same files.
 */
public final class RoundTask implements Function<TaskSpec, TaskResult> {
  private static final long serialVersionUID = 1L;
  /**
   * Test hook, a Spark local property: {@code RUN:ROUND:REPLICA} whose first task attempt fails
   * after writing part of its files.
   */
  public static final String FAULT_PROPERTY = "spark.reorder.test.failTask";

  private final HadoopConf hadoop;

  public RoundTask(HadoopConf hadoop) {
    this.hadoop = hadoop;
  }

  /** One replica alone (R = 1): a plain task. */
  @Override
  public TaskResult call(TaskSpec spec) throws IOException {
    return TaskEngine.onThisThread(() -> run(spec, store(spec), ReplicaSync.alone()));
  }

  /**
   * The R replicas of a run as one barrier stage (partition p is replica p), as the Scala function
   * {@code RDDBarrier.mapPartitions} takes.
   */
  public AbstractFunction1<scala.collection.Iterator<TaskSpec>,
      scala.collection.Iterator<TaskResult>> barrier() {
    return new Barrier(this);
  }

  private static final class Barrier extends AbstractFunction1<scala.collection.Iterator<TaskSpec>,
      scala.collection.Iterator<TaskResult>> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final RoundTask task;

    Barrier(RoundTask task) {
      this.task = task;
    }

    @Override
    public scala.collection.Iterator<TaskResult> apply(scala.collection.Iterator<TaskSpec> specs) {
      TaskSpec spec = specs.next(); // a partition is one replica
      if (specs.hasNext()) {
        throw new IllegalStateException("a partition of run " + spec.runId() + "'s round "
            + spec.round() + " holds more than one replica");
      }
      CheckpointStore store = task.store(spec);
      ReplicaSync sync = ReplicaSync.barrier(BarrierTaskContext.get(), store, spec.round());
      try {
        TaskResult result = TaskEngine.onThisThread(() -> task.run(spec, store, sync));
        return JavaConverters.asScalaIteratorConverter(List.of(result).iterator()).asScala();
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }
  }

  /** The checkpoints of {@code spec}'s run. */
  private CheckpointStore store(TaskSpec spec) {
    return new CheckpointStore(spec.checkpointDir(), hadoop.get(), 1);
  }

  private TaskResult run(TaskSpec spec, CheckpointStore store, ReplicaSync sync)
      throws IOException {
    long start = System.nanoTime();
    ExperimentConfig config = ExperimentConfig.parse(spec.experimentYaml(), "run " + spec.runId(),
        spec.runId(), List.of());
    TaskDevice.Choice device = TaskDevice.forRunTask(config.runtime().device(),
        Engine.getInstance().getGpuCount());
    device.warning().ifPresent(w -> System.err.println("[reorder] task " + spec.runId() + "/r"
        + spec.replica() + ": " + w));
    long[] bytesRead = {0};
    long[] bytesWritten = {0};
    Map<String, FileDigest> committed = replicaFiles(spec.committed(), spec.replicas(),
        spec.replica());
    ReplicaState state = ResidentReplicas.take(spec.replicaKey(), spec.experimentYaml(),
        device.device(), spec.round() - 1, committed, spec.residentReplicas());
    boolean resident = state != null;
    if (!resident) {
      state = restore(spec, config, device, store, bytesRead);
    }
    try {
      state.policy = spec.policyJson() == null ? null
          : PolicyCheckpoint.fromJson(spec.policyJson(), "the committed policy").toOptimizer();
      double restoreSeconds = (System.nanoTime() - start) / 1e9;
      Training trained = train(spec, config, state, sync);
      double trainSeconds = (System.nanoTime() - start) / 1e9 - restoreSeconds;
      Map<String, FileDigest> files = save(spec, state, store, sync, bytesRead, bytesWritten);
      state.round = spec.round();
      state.files = replicaFiles(new Manifest(spec.round(), files), spec.replicas(),
          spec.replica());
      double seconds = (System.nanoTime() - start) / 1e9;
      TaskResult result = new TaskResult(spec.runId(), spec.replica(), spec.round(),
          trained.policySteps, state.policy == null ? null
              : PolicyCheckpoint.of(state.policy).toJson(), files, trained.validations,
          trained.sums(seconds), new TaskResult.RoundIo(resident, bytesRead[0], bytesWritten[0],
              restoreSeconds, trainSeconds, seconds - restoreSeconds - trainSeconds),
          location());
      if (spec.endStep() == state.plan.totalSteps()) {
        state.close(); // the run's last round: nothing continues from this state
      } else {
        ResidentReplicas.keep(state, spec.residentReplicas());
      }
      return result;
    } catch (IOException | RuntimeException | Error e) {
      state.close();
      throw e;
    }
  }

  /** A fresh replica, with the committed round's parameters and its optimizer state. */
  private ReplicaState restore(TaskSpec spec, ExperimentConfig config, TaskDevice.Choice device,
      CheckpointStore store, long[] bytesRead) throws IOException {
    CurriculumPlan plan = new CurriculumPlan(config, spec.stepsPerEpoch());
    BackboneTrainer model = plan.newModel(device.device());
    ReplicaState state;
    try {
      state = new ReplicaState(spec.replicaKey(), spec.experimentYaml(), device.device(), plan,
          model, DataSplits.open(config, spec.data(), hadoop.get(), spec.replicas(),
              spec.replica()));
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    try {
      Manifest committed = spec.committed();
      if (committed != null) {
        for (Map.Entry<String, FileDigest> f : replicaFiles(committed, spec.replicas(),
            spec.replica()).entrySet()) {
          String source = store.roundDir(committed.round()) + "/" + f.getKey();
          try (InputStream in = new BufferedInputStream(
              store.open(committed.round(), f.getKey(), f.getValue()), 1 << 16)) {
            if (f.getKey().equals(RunFiles.replicaOptimizer(spec.replica()))) {
              model.readOptimizer(in);
            } else {
              model.readParameters(in, source);
            }
          }
          bytesRead[0] += f.getValue().bytes();
        }
        state.round = committed.round();
        state.files = replicaFiles(committed, spec.replicas(), spec.replica());
      }
      return state;
    } catch (IOException | RuntimeException e) {
      state.close();
      throw e;
    }
  }

  /** What one round's steps produced. */
  private static final class Training {
    final List<TaskResult.PolicyStep> policySteps = new ArrayList<>();
    final List<TaskResult.EpochValidation> validations = new ArrayList<>();
    long steps;
    long images;
    double lossSum;
    double correct;
    double gradNormSum;
    long skippedUpdates;
    CurriculumPlan.StepResult last;

    TaskResult.StepSums sums(double seconds) {
      return new TaskResult.StepSums(steps, images, lossSum, correct, gradNormSum,
          skippedUpdates, last.output().lr(), last.phase().cliName(), last.temperature(),
          seconds);
    }
  }

  /** The round's steps, the policy updated after each policy-phase step as in one process. */
  private static Training train(TaskSpec spec, ExperimentConfig config, ReplicaState state,
      ReplicaSync sync) {
    Training t = new Training();
    CurriculumPlan plan = state.plan;
    int perEpoch = spec.stepsPerEpoch();
    for (int step = spec.firstStep(); step < spec.endStep(); step++) {
      int epoch = step / perEpoch;
      PatchBatch batch = state.data.train().batch(epoch, step % perEpoch);
      CurriculumPlan.StepResult r = plan.step(state.model, batch, step,
          state.policy == null ? null : state.policy.policy(),
          state.policy == null ? 0 : state.policy.baseline());
      if (r.stats() != null) {
        ReinforceStats merged = null;
        for (ReinforceStats s : sync.allGather(r.stats())) { // replica order
          merged = merged == null ? s : merged.merge(s);
        }
        state.policy.step(merged);
        t.policySteps.add(new TaskResult.PolicyStep(step, r.stats()));
      }
      int n = r.output().size();
      t.steps++;
      t.images += n;
      t.lossSum += r.output().meanLoss() * n;
      t.correct += r.output().top1Accuracy() * n;
      if (r.output().skipped()) {
        t.skippedUpdates++;
      } else {
        t.gradNormSum += r.output().gradNorm();
      }
      t.last = r;
      if ((step + 1) % perEpoch == 0 && spec.replica() == 0 && plan.validatesAfter(epoch)) {
        var order = plan.validationOrder(epoch,
            state.policy == null ? null : state.policy.policy());
        Evaluation e = Evaluation.run(state.model, state.data.val(), order,
            config.training().bootstrapSamples(),
            Seeds.derive(config.training().seed(), Seeds.BOOTSTRAP, epoch));
        t.validations.add(new TaskResult.EpochValidation(epoch, step + 1, e, order.toString()));
      }
    }
    return t;
  }

  /**
   * Writes the replica's files of the round: its optimizer state, and the round's parameters
   * (R = 1: the replica's own; R > 1: the replica mean, shard by shard, one shard averaged here).
   *
   * @return the files of the round this replica now equals (every parameter shard and its own
   *     optimizer state) with their digests; of those it wrote itself its optimizer and its shard
   */
  private Map<String, FileDigest> save(TaskSpec spec, ReplicaState state, CheckpointStore store,
      ReplicaSync sync, long[] bytesRead, long[] bytesWritten) throws IOException {
    int round = spec.round();
    int replicas = spec.replicas();
    BackboneTrainer model = state.model;
    Map<String, FileDigest> files = new TreeMap<>();
    String optimizer = RunFiles.replicaOptimizer(spec.replica());
    try (CheckpointStore.Output out = store.create(round, optimizer)) {
      model.writeOptimizer(out);
      out.close();
      files.put(optimizer, out.digest());
      bytesWritten[0] += out.digest().bytes();
    }
    injectFault(spec);
    List<List<String>> shards = ParameterShards.deal(model, replicas);
    if (replicas == 1) {
      FileDigest params = write(store, round, RunFiles.paramsShard(0), model, shards.get(0));
      files.put(RunFiles.paramsShard(0), params);
      bytesWritten[0] += params.bytes();
      return files;
    }
    // Every shard but its own, which this replica averages from memory.
    Map<Integer, FileDigest> mine = new TreeMap<>();
    for (int s = 0; s < replicas; s++) {
      if (s != spec.replica()) {
        mine.put(s, write(store, round, ReplicaAverage.replicaShard(spec.replica(), s), model,
            shards.get(s)));
        bytesWritten[0] += mine.get(s).bytes();
      }
    }
    List<TreeMap<Integer, FileDigest>> everyone = sync.allGather(new TreeMap<>(mine));
    FileDigest average = ReplicaAverage.average(store, round, spec.replica(),
        shards.get(spec.replica()), new ArrayList<>(everyone), model, bytesRead);
    bytesWritten[0] += average.bytes();
    List<FileDigest> averages = sync.allGather(average);
    for (int q = 0; q < replicas; q++) {
      String name = RunFiles.paramsShard(q);
      if (q != spec.replica()) {
        try (InputStream in = new BufferedInputStream(store.open(round, name, averages.get(q)),
            1 << 16)) {
          model.readParameters(in, store.roundDir(round) + "/" + name);
        }
        bytesRead[0] += averages.get(q).bytes();
      }
      files.put(name, averages.get(q));
    }
    for (int s : mine.keySet()) { // every replica has read them (the allGather above)
      store.delete(round, ReplicaAverage.replicaShard(spec.replica(), s));
    }
    return files;
  }

  private static FileDigest write(CheckpointStore store, int round, String name,
      BackboneTrainer model, List<String> parameters) throws IOException {
    try (CheckpointStore.Output out = store.create(round, name)) {
      model.writeParameters(out, parameters);
      out.close();
      return out.digest();
    }
  }

  /** The files of a round a replica restores from: every parameter shard and its optimizer. */
  static Map<String, FileDigest> replicaFiles(Manifest manifest, int replicas, int replica) {
    Map<String, FileDigest> files = new LinkedHashMap<>();
    if (manifest == null) {
      return files;
    }
    for (int s = 0; s < replicas; s++) {
      files.put(RunFiles.paramsShard(s), manifest.digest(RunFiles.paramsShard(s)));
    }
    String optimizer = RunFiles.replicaOptimizer(replica);
    files.put(optimizer, manifest.digest(optimizer));
    return files;
  }

  /** Test hook: the first attempt of the task {@link #FAULT_PROPERTY} names dies here. */
  private static void injectFault(TaskSpec spec) {
    TaskContext task = TaskContext.get();
    String target = task == null ? null : task.getLocalProperty(FAULT_PROPERTY);
    if (target != null && target.equals(spec.runId() + ":" + spec.round() + ":" + spec.replica())
        && task.attemptNumber() == 0 && spec.attempt() == 0) {
      throw new IllegalStateException("injected fault: run " + spec.runId() + " round "
          + spec.round() + " replica " + spec.replica() + " (attempt 0)");
    }
  }

  /** Where this task runs, as Spark names an executor in a preferred location. */
  private static String location() {
    SparkEnv env = SparkEnv.get();
    return env == null ? "" : "executor_" + env.blockManager().blockManagerId().host() + "_"
        + env.executorId();
  }
}
