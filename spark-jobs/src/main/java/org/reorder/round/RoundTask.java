package org.reorder.round;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.reorder.checkpoint.CheckpointStore;
import org.reorder.config.ExperimentConfig;
import org.reorder.data.DataSplits;
import org.reorder.device.TaskDevice;
import org.reorder.patch.PatchBatch;
import org.reorder.policy.ReinforceStats;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.CurriculumPlan;

/**
 * The body of one task: restore the replica from the last committed round, train its K steps on
 * its shard with the round's fixed policy snapshot, write its model files into the (uncommitted)
 * round, and return the statistics. Everything it computes is a function of the spec, the snapshot
 * and the committed checkpoint, so a retried attempt redoes exactly the same work and overwrites
 * the same files.
 */
public final class RoundTask implements Function<TaskSpec, TaskResult> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<Map<String, PolicySnapshot>> snapshots;
  private final HadoopConf hadoop;

  public RoundTask(Broadcast<Map<String, PolicySnapshot>> snapshots, HadoopConf hadoop) {
    this.snapshots = snapshots;
    this.hadoop = hadoop;
  }

  @Override
  public TaskResult call(TaskSpec spec) throws IOException {
    return TaskEngine.onThisThread(() -> train(spec));
  }

  private TaskResult train(TaskSpec spec) throws IOException {
    long start = System.nanoTime();
    PolicySnapshot snapshot = snapshots.value().get(spec.runId());
    ExperimentConfig config = ExperimentConfig.parse(spec.experimentYaml(), "run " + spec.runId(),
        spec.runId(), List.of());
    CurriculumPlan plan = new CurriculumPlan(config, spec.stepsPerEpoch());
    TaskDevice.Choice device = TaskDevice.forCurrentTask(Engine.getInstance().getGpuCount());
    device.warning().ifPresent(w -> System.err.println("[reorder] task " + spec.runId() + "/r"
        + spec.replica() + ": " + w));
    CheckpointStore store = new CheckpointStore(spec.checkpointDir(), hadoop.get(),
        spec.keepCheckpoints());
    try (Scratch tmp = Scratch.create("reorder-task-");
        BackboneTrainer model = plan.newModel(device.device());
        DataSplits data = DataSplits.open(config, spec.data(), hadoop.get(), spec.replicas(),
            spec.replica())) {
      Path scratch = tmp.path();
      if (spec.round() > 1) {
        ReplicaWeights.restore(model, store, spec.round() - 1, spec.replica(), spec.replicas(),
            scratch.resolve("in"));
      }
      ReinforceStats stats = null;
      long images = 0;
      double lossSum = 0;
      double correct = 0;
      double gradNormSum = 0;
      long skippedUpdates = 0;
      CurriculumPlan.StepResult last = null;
      for (int step = spec.firstStep(); step < spec.endStep(); step++) {
        PatchBatch batch = data.train().batch(step / spec.stepsPerEpoch(),
            step % spec.stepsPerEpoch());
        last = plan.step(model, batch, step, snapshot.policy(), snapshot.baseline());
        if (last.stats() != null) {
          stats = stats == null ? last.stats() : stats.merge(last.stats());
        }
        int n = last.output().size();
        images += n;
        lossSum += last.output().meanLoss() * n;
        correct += last.output().top1Accuracy() * n;
        if (last.output().skipped()) {
          skippedUpdates++;
        } else {
          gradNormSum += last.output().gradNorm();
        }
      }
      writeModel(model, store, spec, scratch.resolve("out"));
      return new TaskResult(spec.runId(), spec.replica(), spec.round(), stats,
          new TaskResult.StepSums(spec.endStep() - spec.firstStep(), images, lossSum, correct,
              gradNormSum, skippedUpdates, last.output().lr(), last.phase().cliName(),
              last.temperature(), (System.nanoTime() - start) / 1e9));
    }
  }

  private static void writeModel(BackboneTrainer model, CheckpointStore store, TaskSpec spec,
      Path dir) throws IOException {
    Files.createDirectories(dir);
    model.save(dir);
    store.put(spec.round(), TaskSpec.paramsFile(spec.replica()),
        Files.readAllBytes(dir.resolve(BackboneTrainer.PARAMS_FILE)));
    TaskContext task = TaskContext.get();
    if (spec.injectFault() && task != null && task.attemptNumber() == 0) {
      // Fault injection for tests: die with the round half written; the retry must redo it.
      throw new IllegalStateException("injected fault: run " + spec.runId() + " round "
          + spec.round() + " replica " + spec.replica() + " (attempt 0)");
    }
    store.put(spec.round(), TaskSpec.optimizerFile(spec.replica()),
        Files.readAllBytes(dir.resolve(BackboneTrainer.OPTIMIZER_FILE)));
  }
}
