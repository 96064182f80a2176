package org.reorder.round;

import java.io.Serializable;
import org.reorder.policy.PlackettLucePolicy;

/**
 * The immutable policy state a round's tasks of one run all see: the logits and the reward
 * baseline after {@code version} policy updates. The Gumbel temperature is not shipped: it is a
 * pure function of the step (the per-step schedule of {@code CurriculumPlan}), so a K-step round
 * keeps the schedule's per-step values while the logits stay fixed.
 *
 * @param version policy updates applied so far (the driver's {@code ReinforceOptimizer} steps)
 * @param policy the logits (null in fixed-order runs)
 * @param baseline the reward baseline the advantages of this round use
 */
public record PolicySnapshot(long version, PlackettLucePolicy policy, double baseline)
    implements Serializable {

  /** The snapshot of a run without a policy. */
  public static PolicySnapshot none() {
    return new PolicySnapshot(0, null, 0);
  }
}
