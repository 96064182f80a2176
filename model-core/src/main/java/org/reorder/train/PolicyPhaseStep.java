package org.reorder.train;

import java.util.List;
import java.util.SplittableRandom;
import org.reorder.config.ReinforceSection;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchBatch;
import org.reorder.policy.Granularity;
import org.reorder.policy.PlackettLucePolicy;
import org.reorder.policy.ReinforceConfig;
import org.reorder.policy.ReinforceStats;

/**
 * The work of one policy-phase step on one batch, written as pure functions of a policy snapshot
 * so that the single-process {@link Curriculum} and a distributed worker run the same code: sample
 * the orders, train the backbone on them, turn the per-image losses into rewards, and sum the
 * REINFORCE statistics with the baseline of the snapshot. The caller merges statistics and applies
 * them with {@code ReinforceOptimizer.step} (in this process: right away, every step).
 */
public final class PolicyPhaseStep {
  private PolicyPhaseStep() {}

  /**
   * What a step hands back.
   *
   * @param output the backbone step's per-image results
   * @param stats REINFORCE statistics of the batch
   */
  public record Result(StepOutput output, ReinforceStats stats) {}

  /**
   * Runs step {@code step} (global index) on {@code batch}.
   *
   * @param policy the policy snapshot orders are drawn from
   * @param baseline the reward baseline of that snapshot
   * @param temperature Gumbel temperature of this step
   * @param config the policy's settings (granularity, score)
   * @param seed the run seed; the samples come from {@code Seeds.derive(seed, POLICY, step)}
   */
  public static Result run(BackboneTrainer model, PatchBatch batch, PlackettLucePolicy policy,
      double baseline, double temperature, ReinforceConfig config, String reward, long seed,
      int step) {
    List<Permutation> orders = sampleOrders(policy, temperature, config.granularity(),
        batch.size(), seed, step);
    StepOutput output = model.trainStep(batch, orders, step);
    double[] rewards = rewards(output, reward);
    return new Result(output, stats(policy, orders, rewards, baseline, config.granularity(),
        config.scoreTemperature(temperature)));
  }

  /** The batch's orders: one shared sample ({@code batch}) or one per image. */
  public static List<Permutation> sampleOrders(PlackettLucePolicy policy, double temperature,
      Granularity granularity, int batchSize, long seed, int step) {
    SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, Seeds.POLICY, step));
    return policy.sampleForBatch(rng, temperature, granularity, batchSize);
  }

  /** {@code xent}: minus each image's cross-entropy; {@code binary}: +1 if top-1 correct, else -1. */
  public static double[] rewards(StepOutput output, String reward) {
    double[] r = new double[output.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = switch (reward) {
        case ReinforceSection.XENT -> -output.losses()[i];
        case ReinforceSection.BINARY -> output.top1()[i] ? 1 : -1;
        default -> throw new IllegalArgumentException("unknown reward '" + reward + "'");
      };
    }
    return r;
  }

  /**
   * Statistics of the batch: with a shared order one gradient of {@code log P} scaled by the summed
   * advantages, otherwise one term per image.
   *
   * @param scoreTemperature the temperature of the distribution whose score is differentiated
   *     ({@link ReinforceConfig#scoreTemperature})
   */
  public static ReinforceStats stats(PlackettLucePolicy policy, List<Permutation> orders,
      double[] rewards, double baseline, Granularity granularity, double scoreTemperature) {
    if (granularity == Granularity.BATCH) {
      return ReinforceStats.of(policy, orders.get(0), rewards, baseline, scoreTemperature);
    }
    ReinforceStats total = ReinforceStats.zero(policy.size());
    for (int i = 0; i < rewards.length; i++) {
      total = total.merge(ReinforceStats.of(policy, orders.get(i), new double[] {rewards[i]},
          baseline, scoreTemperature));
    }
    return total;
  }
}
