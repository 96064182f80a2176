package org.reorder.round;

import ai.djl.engine.Engine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.reorder.checkpoint.CheckpointStore;
import org.reorder.checkpoint.Manifest;
import org.reorder.checkpoint.RunStorage;
import org.reorder.config.ExperimentConfig;
import org.reorder.data.DataIndex;
import org.reorder.data.DataSplits;
import org.reorder.device.TaskDevice;
import org.reorder.order.Permutation;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.CurriculumPlan;
import org.reorder.train.Evaluation;
import org.reorder.train.RunFiles;
import org.reorder.train.Seeds;

/**
 * The final validation of one finished run, as a task: the averaged model of the last round, every
 * validation image in the run's final order, top-1/top-5 with bootstrap standard errors ({@link
 * Evaluation}). It also writes that model as {@code final/model.params}, which {@code reorder eval}
 * loads.
 */
public final class EvalTask implements Function<EvalTask.Spec, EvalTask.Result> {
  private static final long serialVersionUID = 1L;
  private final HadoopConf hadoop;

  public EvalTask(HadoopConf hadoop) {
    this.hadoop = hadoop;
  }

  /**
   * @param runId the run
   * @param replicas R (the last round's parameters are in R shards)
   * @param stepsPerEpoch steps per epoch
   * @param experimentYaml the run's resolved config
   * @param checkpointDir its checkpoint directory
   * @param committed the last committed round's manifest
   * @param data the run's data index
   * @param order the validation order (the prior, or the policy's final mode)
   * @param finalDir where the model's {@code model.params} is written (a directory {@code reorder
   *     eval} can load once the driver has added the state and config)
   */
  public record Spec(String runId, int replicas, int stepsPerEpoch, String experimentYaml,
      String checkpointDir, Manifest committed, DataIndex data, int[] order, String finalDir)
      implements Serializable {}

  /** {@link Evaluation}'s numbers. */
  public record Result(String runId, Evaluation evaluation) implements Serializable {}

  @Override
  public Result call(Spec spec) throws IOException {
    return TaskEngine.onThisThread(() -> evaluate(spec));
  }

  private Result evaluate(Spec spec) throws IOException {
    ExperimentConfig config = ExperimentConfig.parse(spec.experimentYaml(), "run " + spec.runId(),
        spec.runId(), List.of());
    CurriculumPlan plan = new CurriculumPlan(config, spec.stepsPerEpoch());
    var device = TaskDevice.forRunTask(config.runtime().device(),
        Engine.getInstance().getGpuCount());
    CheckpointStore store = new CheckpointStore(spec.checkpointDir(), hadoop.get(), 1);
    Manifest round = spec.committed();
    try (BackboneTrainer model = plan.newModel(device.device());
        DataSplits data = DataSplits.open(config, spec.data(), hadoop.get(), spec.replicas(), 0)) {
      for (int s = 0; s < spec.replicas(); s++) {
        String name = RunFiles.paramsShard(s);
        try (InputStream in = new BufferedInputStream(
            store.open(round.round(), name, round.digest(name)), 1 << 16)) {
          model.readParameters(in, store.roundDir(round.round()) + "/" + name);
        }
      }
      Path target = new Path(spec.finalDir(), RunFiles.PARAMS);
      try (OutputStream out = RunStorage.of(target, hadoop.get()).create(target, true)) {
        model.saveParameters(out);
      }
      int epochs = config.training().epochs();
      Evaluation e = Evaluation.run(model, data.val(), Permutation.of(spec.order()),
          config.training().bootstrapSamples(),
          Seeds.derive(config.training().seed(), Seeds.BOOTSTRAP, epochs - 1));
      return new Result(spec.runId(), e);
    }
  }
}
