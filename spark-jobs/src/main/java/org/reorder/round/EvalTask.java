package org.reorder.round;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.reorder.checkpoint.CheckpointStore;
import org.reorder.config.ExperimentConfig;
import org.reorder.data.DataIndex;
import org.reorder.data.DataSplits;
import org.reorder.order.Permutation;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.CurriculumPlan;
import org.reorder.train.Evaluation;
import org.reorder.train.Seeds;

/**
 * The final validation of one finished run, as a task: the replica-averaged model of the last
 * round, every validation image in the run's final order, top-1/top-5 with bootstrap standard
 * errors ({@link Evaluation}).
 */
public final class EvalTask implements Function<EvalTask.Spec, EvalTask.Result> {
  private static final long serialVersionUID = 1L;
  private final HadoopConf hadoop;

  public EvalTask(HadoopConf hadoop) {
    this.hadoop = hadoop;
  }

  /**
   * @param runId the run
   * @param round its last committed round
   * @param replicas R
   * @param stepsPerEpoch steps per epoch
   * @param experimentYaml the run's resolved config
   * @param checkpointDir its checkpoint directory
   * @param data the run's data index
   * @param order the validation order (the prior, or the policy's final mode)
   * @param finalDir where the averaged model's {@code model.params} is written (a directory
   *     {@code reorder eval} can load once the driver has added the state and config)
   */
  public record Spec(String runId, int round, int replicas, int stepsPerEpoch,
      String experimentYaml, String checkpointDir, DataIndex data, int[] order, String finalDir)
      implements Serializable {}

  /** {@link Evaluation}'s numbers, serializable. */
  public record Result(String runId, int images, double loss, double top1, double top1Se,
      double top5, double top5Se) implements Serializable {}

  @Override
  public Result call(Spec spec) throws IOException {
    return TaskEngine.onThisThread(() -> evaluate(spec));
  }

  private Result evaluate(Spec spec) throws IOException {
    ExperimentConfig config = ExperimentConfig.parse(spec.experimentYaml(), "run " + spec.runId(),
        spec.runId(), List.of());
    CurriculumPlan plan = new CurriculumPlan(config, spec.stepsPerEpoch());
    var device = org.reorder.device.TaskDevice.forCurrentTask(Engine.getInstance().getGpuCount());
    CheckpointStore store = new CheckpointStore(spec.checkpointDir(), hadoop.get(), 1);
    try (Scratch scratch = Scratch.create("reorder-eval-");
        BackboneTrainer model = plan.newModel(device.device());
        DataSplits data = DataSplits.open(config, spec.data(), hadoop.get(), spec.replicas(), 0)) {
      ReplicaWeights.restore(model, store, spec.round(), 0, spec.replicas(), scratch.path());
      writeFinalParams(model, scratch.path().resolve("final"), spec.finalDir());
      int epochs = config.training().epochs();
      Evaluation e = Evaluation.run(model, data.val(),
          Permutation.of(spec.order()), config.training().bootstrapSamples(),
          Seeds.derive(config.training().seed(), Seeds.BOOTSTRAP, epochs - 1));
      return new Result(spec.runId(), e.images(), e.loss(), e.top1(), e.top1Se(), e.top5(),
          e.top5Se());
    }
  }

  /** Saves {@code model} locally and copies its parameters to {@code finalDir} (overwriting). */
  private void writeFinalParams(BackboneTrainer model, java.nio.file.Path local, String finalDir)
      throws IOException {
    java.nio.file.Files.createDirectories(local);
    model.save(local);
    org.apache.hadoop.fs.Path target =
        new org.apache.hadoop.fs.Path(finalDir, BackboneTrainer.PARAMS_FILE);
    try (java.io.OutputStream out = target.getFileSystem(hadoop.get()).create(target, true)) {
      java.nio.file.Files.copy(local.resolve(BackboneTrainer.PARAMS_FILE), out);
    }
  }
}
