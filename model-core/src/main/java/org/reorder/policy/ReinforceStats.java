package org.reorder.policy;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.reorder.order.Permutation;

/**
 * What one REINFORCE step needs from a set of images, as a commutative monoid: executors build it
 * for their images, the driver {@link #merge}s the partial results in any order and hands the
 * total to {@link ReinforceOptimizer#step}.
 *
 * <p>For images {@code i} with order {@code pi_i}, reward {@code r_i} and advantage {@code A_i =
 * r_i - b} (b: the baseline <em>before</em> this step's update):
 *
 * @param sumAdvantageGrad {@code sum_i A_i * grad log P(pi_i)}, indexed by patch (length N)
 * @param sumAdvantageLogProb {@code sum_i A_i * log P(pi_i)} (for the reported loss)
 * @param sumReward {@code sum_i r_i}
 * @param sumRewardSquared {@code sum_i r_i^2}
 * @param count number of images
 */
public record ReinforceStats(
    double[] sumAdvantageGrad,
    double sumAdvantageLogProb,
    double sumReward,
    double sumRewardSquared,
    long count)
    implements Serializable {

  /** Validates and copies the gradient sum. */
  public ReinforceStats {
    if (sumAdvantageGrad == null || sumAdvantageGrad.length == 0) {
      throw new IllegalArgumentException("sumAdvantageGrad must have at least 1 element");
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    sumAdvantageGrad = sumAdvantageGrad.clone();
  }

  /** The identity of {@link #merge} for a policy over {@code n} patches. */
  public static ReinforceStats zero(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a policy needs at least 1 patch, got " + n);
    }
    return new ReinforceStats(new double[n], 0, 0, 0, 0);
  }

  /**
   * The statistics of {@code rewards.length} images that all used the order {@code pi} (batch
   * granularity, or one image), with the untempered score {@code log PL(pi | z)}.
   *
   * @param baseline the optimizer's baseline before this step ({@link
   *     ReinforceOptimizer#baseline()})
   */
  public static ReinforceStats of(
      PlackettLucePolicy policy, Permutation pi, double[] rewards, double baseline) {
    return of(policy, pi, rewards, baseline, 1);
  }

  /**
   * The statistics of {@code rewards.length} images that all used the order {@code pi}: the
   * gradient with respect to z of {@code log PL(pi | z / scoreTemperature)} is computed once and
   * scaled by {@code sum_i (r_i - baseline)}. With {@code scoreTemperature} 0 the order was the
   * mode with probability 1: its score is 0 and only the rewards count.
   *
   * @param baseline the optimizer's baseline before this step ({@link
   *     ReinforceOptimizer#baseline()})
   * @param scoreTemperature {@link ReinforceConfig#scoreTemperature}, {@code >= 0}
   */
  public static ReinforceStats of(PlackettLucePolicy policy, Permutation pi, double[] rewards,
      double baseline, double scoreTemperature) {
    if (!(scoreTemperature >= 0) || Double.isInfinite(scoreTemperature)) {
      throw new IllegalArgumentException(
          "score temperature must be finite and >= 0, got " + scoreTemperature);
    }
    double sumAdvantage = 0;
    double sumReward = 0;
    double sumRewardSquared = 0;
    for (int i = 0; i < rewards.length; i++) {
      if (!Double.isFinite(rewards[i])) {
        throw new IllegalArgumentException("reward " + i + " is " + rewards[i]);
      }
      sumAdvantage += rewards[i] - baseline;
      sumReward += rewards[i];
      sumRewardSquared += rewards[i] * rewards[i];
    }
    double[] grad = new double[policy.size()];
    double logProb = 0;
    if (scoreTemperature == 1) {
      logProb = policy.accumulateGradLogProb(pi, sumAdvantage, grad);
    } else if (scoreTemperature > 0) {
      // d/dz log PL(pi | z/t) = (1/t) (d/dz') log PL(pi | z'), z' = z/t
      double[] z = policy.logits();
      for (int j = 0; j < z.length; j++) {
        z[j] /= scoreTemperature;
      }
      logProb = PlackettLucePolicy.ofLogits(z)
          .accumulateGradLogProb(pi, sumAdvantage / scoreTemperature, grad);
    }
    return new ReinforceStats(
        grad, sumAdvantage * logProb, sumReward, sumRewardSquared, rewards.length);
  }

  /** Associative and commutative sum of two statistics over the same policy size. */
  public ReinforceStats merge(ReinforceStats other) {
    if (other.sumAdvantageGrad.length != sumAdvantageGrad.length) {
      throw new IllegalArgumentException(
          "cannot merge statistics of " + sumAdvantageGrad.length + " and "
              + other.sumAdvantageGrad.length + " patches");
    }
    double[] grad = new double[sumAdvantageGrad.length];
    for (int j = 0; j < grad.length; j++) {
      grad[j] = sumAdvantageGrad[j] + other.sumAdvantageGrad[j];
    }
    return new ReinforceStats(
        grad,
        sumAdvantageLogProb + other.sumAdvantageLogProb,
        sumReward + other.sumReward,
        sumRewardSquared + other.sumRewardSquared,
        count + other.count);
  }

  /** Number of patches N. */
  public int size() {
    return sumAdvantageGrad.length;
  }

  /** A copy of {@code sum_i A_i * grad log P(pi_i)}. */
  @Override
  public double[] sumAdvantageGrad() {
    return sumAdvantageGrad.clone();
  }

  /** Mean reward over the images (NaN when empty). */
  public double meanReward() {
    return sumReward / count;
  }

  /** Population standard deviation of the rewards (NaN when empty). */
  public double rewardStd() {
    double mean = meanReward();
    return Math.sqrt(Math.max(0, sumRewardSquared / count - mean * mean));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReinforceStats s
        && Arrays.equals(sumAdvantageGrad, s.sumAdvantageGrad)
        && Double.compare(sumAdvantageLogProb, s.sumAdvantageLogProb) == 0
        && Double.compare(sumReward, s.sumReward) == 0
        && Double.compare(sumRewardSquared, s.sumRewardSquared) == 0
        && count == s.count;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(sumAdvantageGrad)
        + Objects.hash(sumAdvantageLogProb, sumReward, sumRewardSquared, count);
  }

  @Override
  public String toString() {
    return "ReinforceStats[N=" + sumAdvantageGrad.length + ", count=" + count
        + ", meanReward=" + meanReward() + "]";
  }
}
