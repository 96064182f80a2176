package org.reorder.round;

import java.io.Serializable;
import org.reorder.policy.ReinforceStats;

/**
 * What a task returns: small statistics keyed by (run, replica, round), so the driver can check
 * that it got each exactly once. Sums, not means, so the replicas of a run merge by addition.
 *
 * @param runId the run
 * @param replica the replica
 * @param round the round
 * @param stats REINFORCE statistics over the round's policy-phase steps (null when none)
 * @param metrics the backbone's training sums
 */
public record TaskResult(String runId, int replica, int round, ReinforceStats stats,
    StepSums metrics) implements Serializable {

  /**
   * Sums over the steps of one task (or, merged, of a run's round).
   *
   * @param steps steps trained (per replica; merging adds them)
   * @param images images trained on
   * @param lossSum sum of per-image losses
   * @param correct top-1 correct images
   * @param gradNormSum sum of the gradient norms of the applied updates
   * @param skippedUpdates steps whose float16 gradients overflowed: no update, no norm in the sum
   * @param lastLr learning rate of the last step
   * @param lastPhase phase of the last step
   * @param lastTemperature Gumbel temperature of the last step (NaN outside the policy phase)
   * @param seconds wall time of the task
   */
  public record StepSums(long steps, long images, double lossSum, double correct,
      double gradNormSum, long skippedUpdates, double lastLr, String lastPhase,
      double lastTemperature, double seconds) implements Serializable {

    /** Adds two replicas' sums (the last-step values are the same for every replica). */
    public StepSums merge(StepSums o) {
      return new StepSums(steps + o.steps, images + o.images, lossSum + o.lossSum,
          correct + o.correct, gradNormSum + o.gradNormSum, skippedUpdates + o.skippedUpdates,
          lastLr, lastPhase, lastTemperature, Math.max(seconds, o.seconds));
    }
  }
}
