package org.reorder.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.reorder.policy.PlackettLucePolicyTest.assertMessage;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.reorder.order.Permutation;

class ReinforceStatsTest {
  private static final int N = 9;
  private final SplittableRandom rng = new SplittableRandom(21);
  private final PlackettLucePolicy policy =
      PlackettLucePolicy.ofLogits(PlackettLucePolicyTest.randomLogits(rng, N, 1));

  private ReinforceStats randomImage() {
    return ReinforceStats.of(
        policy, policy.sample(rng, 1), new double[] {rng.nextDouble() * 4 - 2}, 0.3);
  }

  @Test
  void mergeIsCommutativeAssociativeWithZeroAsIdentity() {
    ReinforceStats a = randomImage();
    ReinforceStats b = randomImage();
    ReinforceStats c = randomImage();
    assertEquals(a.merge(b), b.merge(a)); // IEEE addition is commutative: bit-exact
    assertEquals(a, a.merge(ReinforceStats.zero(N)));
    assertEquals(a, ReinforceStats.zero(N).merge(a));
    assertClose(a.merge(b).merge(c), a.merge(b.merge(c)));
    assertClose(c.merge(a).merge(b), a.merge(b).merge(c));
  }

  @Test
  void theSampledScoreIsTheGradientOfTheTemperedLogProbability() {
    Permutation pi = policy.sample(rng, 0.3);
    double t = 0.3;
    double[] rewards = {0.5, -1.5};
    double advantage = (0.5 - 0.1) + (-1.5 - 0.1);
    ReinforceStats s = ReinforceStats.of(policy, pi, rewards, 0.1, t);
    double[] z = policy.logits();
    double h = 1e-6;
    for (int j = 0; j < N; j++) {
      double[] up = z.clone();
      double[] down = z.clone();
      up[j] += h;
      down[j] -= h;
      double numeric = (temperedLogProb(up, t, pi) - temperedLogProb(down, t, pi)) / (2 * h);
      assertEquals(advantage * numeric, s.sumAdvantageGrad()[j], 1e-6, "patch " + j);
    }
    assertEquals(advantage * temperedLogProb(z, t, pi), s.sumAdvantageLogProb(), 1e-12);
    assertEquals(ReinforceStats.of(policy, pi, rewards, 0.1), ReinforceStats.of(policy, pi,
        rewards, 0.1, 1));
    // At temperature 0 the order was the mode with probability 1: no gradient, rewards kept.
    ReinforceStats atZero = ReinforceStats.of(policy, pi, rewards, 0.1, 0);
    assertArrayEquals(new double[N], atZero.sumAdvantageGrad(), 0);
    assertEquals(-0.5, atZero.meanReward(), 0);
    assertMessage("score temperature must be finite and >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class,
            () -> ReinforceStats.of(policy, pi, rewards, 0.1, -1)));
  }

  private static double temperedLogProb(double[] z, double t, Permutation pi) {
    double[] scaled = z.clone();
    for (int j = 0; j < scaled.length; j++) {
      scaled[j] /= t;
    }
    return PlackettLucePolicy.ofLogits(scaled).logProb(pi);
  }

  @Test
  void perImageStatsOfABatchOrderMergeToTheBatchStats() {
    Permutation pi = policy.sample(rng, 1);
    double[] rewards = {1.5, -0.25, 0.75, 2.0};
    double baseline = 0.4;
    ReinforceStats perImage = ReinforceStats.zero(N);
    for (double r : rewards) {
      perImage = perImage.merge(ReinforceStats.of(policy, pi, new double[] {r}, baseline));
    }
    assertClose(ReinforceStats.of(policy, pi, rewards, baseline), perImage);
  }

  @Test
  void imageStatsEqualTheDefinitionComputedNaively() {
    List<Permutation> orders = policy.sampleBatch(rng, 1, 5);
    double[] rewards = {0.1, -2, 3, 0.5, 1};
    double baseline = -0.2;
    ReinforceStats total = ReinforceStats.zero(N);
    double[] sumAdvGrad = new double[N];
    double sumAdvLogProb = 0;
    double[] z = policy.logits();
    for (int i = 0; i < orders.size(); i++) {
      total = total.merge(
          ReinforceStats.of(policy, orders.get(i), new double[] {rewards[i]}, baseline));
      double a = rewards[i] - baseline;
      double[] g = NaivePlackettLuce.gradLogProb(z, orders.get(i));
      for (int j = 0; j < N; j++) {
        sumAdvGrad[j] += a * g[j];
      }
      sumAdvLogProb += a * NaivePlackettLuce.logProb(z, orders.get(i));
    }
    assertArrayEquals(sumAdvGrad, total.sumAdvantageGrad(), 1e-12);
    assertEquals(sumAdvLogProb, total.sumAdvantageLogProb(), 1e-12);
    assertEquals(2.6, total.sumReward(), 1e-15);
    assertEquals(0.01 + 4 + 9 + 0.25 + 1, total.sumRewardSquared(), 1e-14);
    assertEquals(5, total.count());
    assertEquals(0.52, total.meanReward(), 1e-15);
    assertEquals(Math.sqrt(14.26 / 5 - 0.52 * 0.52), total.rewardStd(), 1e-15);
  }

  @Test
  void rejectsMismatchedSizesAndNonFiniteRewards() {
    assertMessage("cannot merge statistics of 9 and 4 patches",
        assertThrows(IllegalArgumentException.class,
            () -> randomImage().merge(ReinforceStats.zero(4))));
    assertMessage("reward 1 is NaN",
        assertThrows(IllegalArgumentException.class,
            () -> ReinforceStats.of(policy, policy.mode(), new double[] {0, Double.NaN}, 0)));
  }

  private static void assertClose(ReinforceStats expected, ReinforceStats actual) {
    assertArrayEquals(expected.sumAdvantageGrad(), actual.sumAdvantageGrad(), 1e-12);
    assertEquals(expected.sumAdvantageLogProb(), actual.sumAdvantageLogProb(), 1e-12);
    assertEquals(expected.sumReward(), actual.sumReward(), 1e-12);
    assertEquals(expected.sumRewardSquared(), actual.sumRewardSquared(), 1e-12);
    assertEquals(expected.count(), actual.count());
  }
}
