package org.reorder.round;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.reorder.checkpoint.FileDigest;
import org.reorder.policy.ReinforceStats;
import org.reorder.train.Evaluation;

/**
 * What a task returns: small, keyed by (run, replica, round), so the driver can check that it got
 * each exactly once.
 *
 * @param runId the run
 * @param replica the replica
 * @param round the round
 * @param policySteps this replica's REINFORCE statistics of each policy-phase step of the round,
 *     in step order (the driver replays them on the policy it holds)
 * @param policyAfter the task's own copy of the policy after the round ({@code PolicyCheckpoint}
 *     JSON; null in fixed runs): the driver's replay must end in exactly this
 * @param written the files this replica wrote into the round, with their digests
 * @param validations validations at the epoch ends inside the round (replica 0 only)
 * @param metrics the backbone's training sums
 * @param io what the round cost this task in storage and time
 * @param location where the task ran ({@code executor_<host>_<id>}), to send the next round back
 */
public record TaskResult(String runId, int replica, int round, List<PolicyStep> policySteps,
    String policyAfter, Map<String, FileDigest> written, List<EpochValidation> validations,
    StepSums metrics, RoundIo io, String location) implements Serializable {

  /** The statistics of one policy-phase step. */
  public record PolicyStep(int step, ReinforceStats stats) implements Serializable {}

  /** Validation at the end of epoch {@code epoch} (after global step {@code step}). */
  public record EpochValidation(int epoch, int step, Evaluation evaluation, String order)
      implements Serializable {}

  /**
   * What a round cost one task.
   *
   * @param resident whether it reused the state its executor kept from the previous round
   * @param bytesRead checkpoint bytes read (restore, and the shards of the average)
   * @param bytesWritten bytes this task wrote (R > 1: its optimizer state, its parameters in
   *     shards for the average, and its shard of the average)
   * @param restoreSeconds building the state: model, parameters, optimizer, data
   * @param trainSeconds the K steps
   * @param saveSeconds writing (and averaging) the round's files
   */
  public record RoundIo(boolean resident, long bytesRead, long bytesWritten,
      double restoreSeconds, double trainSeconds, double saveSeconds) implements Serializable {}

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
