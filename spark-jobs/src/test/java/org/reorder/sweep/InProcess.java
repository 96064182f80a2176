package org.reorder.sweep;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hadoop.conf.Configuration;
import org.reorder.config.ExperimentConfig;
import org.reorder.data.DataIndex;
import org.reorder.data.DataSplits;
import org.reorder.policy.ReinforceOptimizer;
import org.reorder.policy.ReinforceStats;
import org.reorder.round.RoundSchedule;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.Curriculum;
import org.reorder.train.CurriculumPlan;

/**
 * Independent in-process references for the distributed rounds, written plainly with the
 * trainer's own pieces: the single-process curriculum, and R models trained side by side with one
 * synchronous policy and parameters averaged every K steps. Each runs on a fresh thread, as a
 * Spark task does (PyTorch's grad mode is thread-local).
 */
final class InProcess {
  private InProcess() {}

  /** The policy logits of the single-process curriculum after each step (index 0: the start). */
  static double[][] curriculumLogits(ExperimentConfig c, Path runDir) throws Exception {
    return onFreshThread(() -> {
      try (Curriculum run = Curriculum.start(c, DataSplits.open(c), runDir, Device.cpu())) {
        double[][] logits = new double[run.totalSteps() + 1][];
        logits[0] = run.policy().logits();
        for (int s = 1; s <= run.totalSteps(); s++) {
          run.runUntil(s);
          logits[s] = run.policy().logits();
        }
        return logits;
      }
    });
  }

  /** What {@link #localSgd} ends with. */
  record Result(double[] logits, byte[] finalParams) {}

  /**
   * R replicas, each on its own shard; after every policy step the statistics of all R merged in
   * replica order make one policy update; after every K steps every replica's parameters are
   * replaced by their mean (summed in replica order, float32). Returns the final policy and the
   * final mean model's DJL parameters.
   */
  static Result localSgd(ExperimentConfig c, int replicas, int k) throws Exception {
    return onFreshThread(() -> {
      Configuration conf = new Configuration();
      DataIndex index = DataIndex.of(c, conf);
      int perEpoch = DataSplits.plan(c, index, replicas).stepsPerEpoch();
      CurriculumPlan plan = new CurriculumPlan(c, perEpoch);
      ReinforceOptimizer policy = new ReinforceOptimizer(plan.policyConfig(),
          plan.initialPolicy());
      List<BackboneTrainer> models = new ArrayList<>();
      List<DataSplits> data = new ArrayList<>();
      try {
        for (int r = 0; r < replicas; r++) {
          models.add(plan.newModel(Device.cpu()));
          data.add(DataSplits.open(c, index, conf, replicas, r));
        }
        int total = plan.totalSteps();
        for (int round = 1; round <= RoundSchedule.rounds(total, k); round++) {
          for (int s = RoundSchedule.firstStep(round, k); s < RoundSchedule.endStep(round, k,
              total); s++) {
            ReinforceStats merged = null;
            for (int r = 0; r < replicas; r++) {
              ReinforceStats st = plan.step(models.get(r), data.get(r).train().batch(
                  s / perEpoch, s % perEpoch), s, policy.policy(), policy.baseline()).stats();
              if (st != null) {
                merged = merged == null ? st : merged.merge(st);
              }
            }
            if (merged != null) {
              policy.step(merged);
            }
          }
          average(models);
        }
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        models.get(0).saveParameters(params);
        return new Result(policy.policy().logits(), params.toByteArray());
      } finally {
        models.forEach(BackboneTrainer::close);
        data.forEach(DataSplits::close);
      }
    });
  }

  /** Every model's parameters become their mean, computed with the engine's arrays. */
  private static void average(List<BackboneTrainer> models) {
    JniUtils.setGradMode(false);
    int n = models.get(0).parameters().size();
    for (int p = 0; p < n; p++) {
      NDArray sum = models.get(0).parameters().get(p).getValue().getArray().duplicate();
      for (int r = 1; r < models.size(); r++) {
        sum.addi(models.get(r).parameters().get(p).getValue().getArray());
      }
      sum.divi(models.size());
      for (BackboneTrainer m : models) {
        m.parameters().get(p).getValue().getArray().set(sum.toByteBuffer());
      }
      sum.close();
    }
  }

  private static <T> T onFreshThread(Callable<T> body) throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      return thread.submit(() -> {
        ai.djl.engine.Engine.getInstance(); // loads the native library
        JniUtils.setGradMode(false);
        return body.call();
      }).get();
    } finally {
      thread.shutdown();
    }
  }
}
