package org.reorder.sweep;

import org.reorder.policy.ReinforceOptimizer;
import org.reorder.policy.ReinforceStats;
import org.reorder.round.TaskResult;
import org.reorder.train.CurriculumPlan;
import org.reorder.train.MetricsLog;

/**
 * The {@code round} metrics line of a sweep run: the backbone's training averages over the round's
 * steps and replicas, the policy's (mean reward, baseline, loss, temperature and version), and
 * what the round cost (time, resident replicas, checkpoint bytes). Keys as {@code metrics.jsonl}
 * of {@code reorder train}, plus {@code run_id}, {@code round}, {@code images},
 * {@code reward_std}, {@code policy_version}, {@code task_s}, {@code round_s}, {@code restore_s},
 * {@code train_s}, {@code save_s}, {@code resident}, {@code bytes_read} and
 * {@code bytes_written} (the largest over replicas for times and bytes).
 */
final class RoundMetrics {
  private RoundMetrics() {}

  static MetricsLog.Line line(String runId, int round, int step, CurriculumPlan plan,
      TaskResult[] byReplica, ReinforceStats policyStats, ReinforceOptimizer policy,
      double baselineBefore, long versionBefore, double roundSeconds) {
    TaskResult.StepSums s = null;
    double restore = 0;
    double train = 0;
    double save = 0;
    long read = 0;
    long written = 0;
    int resident = 0;
    for (TaskResult r : byReplica) {
      s = s == null ? r.metrics() : s.merge(r.metrics());
      TaskResult.RoundIo io = r.io();
      restore = Math.max(restore, io.restoreSeconds());
      train = Math.max(train, io.trainSeconds());
      save = Math.max(save, io.saveSeconds());
      read = Math.max(read, io.bytesRead());
      written = Math.max(written, io.bytesWritten());
      resident += io.resident() ? 1 : 0;
    }
    MetricsLog.Line line = MetricsLog.line("round").put("run_id", runId).put("round", round)
        .put("step", step).put("epoch", (step - 1) / plan.stepsPerEpoch())
        .put("phase", s.lastPhase()).put("loss", s.lossSum() / s.images())
        .put("train_acc", s.correct() / s.images()).put("lr", s.lastLr())
        .put("grad_norm", s.gradNormSum() / (s.steps() - s.skippedUpdates()))
        .put("skipped_updates", s.skippedUpdates() > 0 ? s.skippedUpdates() : null)
        .put("images", s.images());
    if (policyStats != null && policyStats.count() > 0) {
      line.put("reward", policyStats.meanReward()).put("reward_std", policyStats.rewardStd())
          .put("baseline", baselineBefore).put("temperature", s.lastTemperature())
          .put("policy_loss", policy.lastLoss()).put("policy_grad_norm", policy.lastGradNorm())
          .put("policy_version", versionBefore);
    }
    return line.put("task_s", s.seconds()).put("round_s", roundSeconds).put("restore_s", restore)
        .put("train_s", train).put("save_s", save).put("resident", resident)
        .put("bytes_read", read).put("bytes_written", written);
  }
}
