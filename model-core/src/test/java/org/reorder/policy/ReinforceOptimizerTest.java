package org.reorder.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.reorder.policy.PlackettLucePolicyTest.assertMessage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.reorder.order.Permutation;

class ReinforceOptimizerTest {

  /** lr 0.1, weight decay 0.5 (large, so that each term shows), no effective clipping. */
  private static final ReinforceConfig HAND = new ReinforceConfig(
      0.1, 0.9, 0.999, 1e-8, 0.5, 100, 0.99, InitVariant.MODE, Granularity.BATCH, "triangle", 0.2, 2.0, ScoreFunction.UNTEMPERED, BaselineStart.ZERO);

  /** Statistics of one image whose policy-loss gradient is {@code g} (= -sumAdvantageGrad). */
  private static ReinforceStats gradientOf(double... g) {
    double[] sumAdvantageGrad = new double[g.length];
    for (int j = 0; j < g.length; j++) {
      sumAdvantageGrad[j] = -g[j];
    }
    return new ReinforceStats(sumAdvantageGrad, 0, 0, 0, 1);
  }

  @Test
  void adamWMatchesAHandComputedTwoStepExample() {
    ReinforceOptimizer opt =
        new ReinforceOptimizer(HAND, PlackettLucePolicy.ofLogits(new double[] {1, -2}));
    // Step 1, g = (0.5, -0.25): decay z *= 1 - 0.1*0.5; m = 0.1 g; v = 0.001 g^2; bias-corrected
    // mHat = g, vHat = g^2, so z -= 0.1 * g / (|g| + 1e-8).
    opt.step(gradientOf(0.5, -0.25));
    assertArrayEquals(new double[] {0.05, -0.025}, opt.firstMoment(), 1e-16);
    assertArrayEquals(new double[] {0.00025, 0.0000625}, opt.secondMoment(), 1e-18);
    assertArrayEquals(new double[] {0.85000000199999996, -1.8000000039999998},
        opt.policy().logits(), 1e-15);
    // Step 2, g = (0.5, 0.25): m = (0.095, 0.0025), v = (0.00049975, 0.0001249375); bias
    // corrections 0.19 and 0.001999 give mHat = (0.5, 0.013157...), vHat = (0.25, 0.0625).
    opt.step(gradientOf(0.5, 0.25));
    assertArrayEquals(new double[] {0.095, 0.0025}, opt.firstMoment(), 1e-16);
    assertArrayEquals(new double[] {0.00049975, 0.0001249375}, opt.secondMoment(), 1e-18);
    assertArrayEquals(new double[] {0.70750000389999992, -1.7152631614842104},
        opt.policy().logits(), 1e-15);
    assertEquals(2, opt.stepCount());
  }

  @Test
  void clipsTheGradientNormAtTheConfiguredValue() {
    ReinforceConfig clipAt5 = new ReinforceConfig(
        0.1, 0.9, 0.999, 1e-8, 0, 5, 0.99, InitVariant.MODE, Granularity.BATCH, "triangle", 0.2, 2.0, ScoreFunction.UNTEMPERED, BaselineStart.ZERO);
    ReinforceOptimizer opt =
        new ReinforceOptimizer(clipAt5, PlackettLucePolicy.ofLogits(new double[2]));
    opt.step(gradientOf(30, -40)); // norm 50 -> scaled by 5 / (50 + 1e-6)
    assertEquals(50, opt.lastGradNorm(), 0);
    double scale = 5 / (50 + 1e-6);
    assertArrayEquals(new double[] {0.1 * 30 * scale, -0.1 * 40 * scale}, opt.firstMoment(), 1e-15);
    // Below the threshold nothing is scaled.
    ReinforceOptimizer small =
        new ReinforceOptimizer(clipAt5, PlackettLucePolicy.ofLogits(new double[2]));
    small.step(gradientOf(0.3, -0.4));
    assertArrayEquals(new double[] {0.03, -0.04}, small.firstMoment(), 1e-16);
  }

  @Test
  void advantagesUseTheBaselineBeforeTheUpdateThenTheBaselineMoves() {
    ReinforceOptimizer opt = new ReinforceOptimizer(
        ReinforceConfig.paper(), PlackettLucePolicy.ofLogits(new double[] {0.5, 0, -0.5}));
    assertArrayEquals(new double[] {2, -1}, opt.advantages(new double[] {2, -1}));
    Permutation pi = Permutation.of(2, 0, 1);
    double[] rewards = {2, -1, 3};
    ReinforceStats stats = ReinforceStats.of(opt.policy(), pi, rewards, opt.baseline());
    double logP = opt.policy().logProb(pi);
    opt.step(stats);
    // loss = mean(-A log P) with A = r - 0; baseline 0.99 * 0 + 0.01 * mean(r)
    assertEquals(-(2 - 1 + 3) * logP / 3, opt.lastLoss(), 1e-15);
    assertEquals(0.01 * 4.0 / 3, opt.baseline(), 1e-16);
    assertArrayEquals(new double[] {2 - 0.04 / 3, -1 - 0.04 / 3},
        opt.advantages(new double[] {2, -1}), 1e-15);
  }

  @Test
  void theFirstStepOnlySetsTheBaselineWhenItStartsFromTheFirstRewards() {
    ReinforceConfig config = ReinforceConfig.defaults().resolve(100);
    double[] z = {0.5, 0, -0.5};
    ReinforceOptimizer opt = new ReinforceOptimizer(config, PlackettLucePolicy.ofLogits(z));
    assertFalse(opt.baselineSet());
    Permutation pi = Permutation.of(2, 0, 1);
    opt.step(ReinforceStats.of(opt.policy(), pi, new double[] {-2, -1, -3}, opt.baseline()));
    assertTrue(opt.baselineSet());
    assertEquals(-2, opt.baseline(), 0);
    assertArrayEquals(z, opt.policy().logits(), 0);
    assertEquals(0, opt.stepCount());
    // From then on, the momentum average of a baseline that has seen rewards.
    opt.step(ReinforceStats.of(opt.policy(), pi, new double[] {-1, -1, -1}, opt.baseline()));
    assertEquals(0.99 * -2 + 0.01 * -1, opt.baseline(), 1e-15);
    assertEquals(1, opt.stepCount());
    assertTrue(opt.policy().logProb(pi) > PlackettLucePolicy.ofLogits(z).logProb(pi));
    assertMessage("the policy learning rate is automatic",
        assertThrows(IllegalArgumentException.class, () -> new ReinforceOptimizer(
            ReinforceConfig.defaults(), PlackettLucePolicy.ofLogits(z))));
  }

  @Test
  void rejectsEmptyOrMismatchedStatistics() {
    ReinforceOptimizer opt = new ReinforceOptimizer(
        ReinforceConfig.paper(), PlackettLucePolicy.ofLogits(new double[3]));
    assertMessage("from 0 images",
        assertThrows(IllegalArgumentException.class, () -> opt.step(ReinforceStats.zero(3))));
    assertMessage("statistics are for 2 patches, policy has 3",
        assertThrows(IllegalArgumentException.class, () -> opt.step(gradientOf(1, 2))));
  }

  @Test
  void reinforceLearnsAHiddenOrderFromKendallTauRewards() {
    // Paper defaults except a larger learning rate, one order per image, 32 images per step.
    ReinforceConfig config = new ReinforceConfig(
        0.05, 0.9, 0.999, 1e-8, 0.03, 5, 0.99, InitVariant.MODE, Granularity.IMAGE, "triangle", 1, 2.0, ScoreFunction.UNTEMPERED, BaselineStart.ZERO);
    int n = 16;
    for (long seed : new long[] {12, 13, 14}) {
      SplittableRandom rng = new SplittableRandom(seed);
      Permutation target = PlackettLucePolicyTest.randomPermutation(rng, n);
      ReinforceOptimizer opt = new ReinforceOptimizer(
          config, PlackettLucePolicy.initFrom(Permutation.identity(n), InitVariant.MODE));
      assertNotEquals(0, kendallTau(opt.policy().mode(), target));
      for (int step = 0; step < 300; step++) {
        ReinforceStats stats = ReinforceStats.zero(n);
        for (Permutation pi : opt.policy().sampleForBatch(rng, 1.0, config.granularity(), 32)) {
          double reward = -kendallTau(pi, target);
          stats = stats.merge(
              ReinforceStats.of(opt.policy(), pi, new double[] {reward}, opt.baseline()));
        }
        opt.step(stats);
      }
      assertEquals(target, opt.policy().mode(), "seed " + seed);
    }
  }

  /** Number of patch pairs that {@code a} and {@code b} put in opposite order. */
  private static int kendallTau(Permutation a, Permutation b) {
    Permutation slotA = a.inverse();
    Permutation slotB = b.inverse();
    int n = a.size();
    int discordant = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if ((slotA.patchAt(i) < slotA.patchAt(j)) != (slotB.patchAt(i) < slotB.patchAt(j))) {
          discordant++;
        }
      }
    }
    return discordant;
  }
}
