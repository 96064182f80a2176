package org.reorder.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.reorder.order.Permutation;
import org.reorder.order.ScanOrder;

class PlackettLucePolicyTest {

  @Test
  void probabilitiesOfAllPermutationsSumToOne() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int n = 1; n <= 6; n++) {
      for (double scale : new double[] {0.1, 1, 5, 30}) {
        PlackettLucePolicy policy = PlackettLucePolicy.ofLogits(randomLogits(rng, n, scale));
        double total = 0;
        for (Permutation p : allPermutations(n)) {
          total += Math.exp(policy.logProb(p));
        }
        assertEquals(1.0, total, 1e-12, "N=" + n + " scale=" + scale);
      }
    }
  }

  @Test
  void sampledFrequenciesMatchExactProbabilities() {
    // Pearson chi-square over the 24 orders of N=4; 23 degrees of freedom, 0.1% critical value.
    double critical = 49.728;
    PlackettLucePolicy policy = PlackettLucePolicy.ofLogits(new double[] {0.3, -0.5, 0.9, 0.0});
    assertTrue(chiSquare(policy, 1.0, policy, 200_000, 7) < critical);
    // At temperature t the sampler draws from PL(z / t).
    PlackettLucePolicy sharper = PlackettLucePolicy.ofLogits(new double[] {0.6, -1.0, 1.8, 0.0});
    assertTrue(chiSquare(policy, 0.5, sharper, 200_000, 8) < critical);
    // The same test does reject a wrong distribution: samples at t=1 against PL(2z).
    assertTrue(chiSquare(policy, 1.0, sharper, 200_000, 9) > critical);
  }

  private static double chiSquare(
      PlackettLucePolicy sampled, double temperature, PlackettLucePolicy expected, int draws,
      long seed) {
    Map<Permutation, Integer> counts = new HashMap<>();
    SplittableRandom rng = new SplittableRandom(seed);
    for (int s = 0; s < draws; s++) {
      counts.merge(sampled.sample(rng, temperature), 1, Integer::sum);
    }
    double chi2 = 0;
    for (Permutation p : allPermutations(expected.size())) {
      double e = draws * Math.exp(expected.logProb(p));
      double d = counts.getOrDefault(p, 0) - e;
      chi2 += d * d / e;
    }
    return chi2;
  }

  @Test
  void gradientMatchesCentralFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(2);
    double h = 1e-5;
    for (int n : new int[] {1, 2, 3, 5, 8, 10}) {
      for (int trial = 0; trial < 4; trial++) {
        double[] z = randomLogits(rng, n, 2);
        Permutation pi = PlackettLucePolicy.ofLogits(z).sample(rng, 1);
        double[] grad = PlackettLucePolicy.ofLogits(z).gradLogProb(pi);
        for (int j = 0; j < n; j++) {
          double[] plus = z.clone();
          double[] minus = z.clone();
          plus[j] += h;
          minus[j] -= h;
          double fd =
              (PlackettLucePolicy.ofLogits(plus).logProb(pi)
                      - PlackettLucePolicy.ofLogits(minus).logProb(pi))
                  / (2 * h);
          assertEquals(fd, grad[j], 1e-8, "N=" + n + " j=" + j);
        }
      }
    }
  }

  @Test
  void logProbAndGradientMatchTheNaiveQuadraticFormulas() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int n : new int[] {1, 2, 7, 33, 100}) {
      double[] z = randomLogits(rng, n, 3);
      PlackettLucePolicy policy = PlackettLucePolicy.ofLogits(z);
      for (int trial = 0; trial < 3; trial++) {
        Permutation pi = policy.sample(rng, 2);
        assertEquals(NaivePlackettLuce.logProb(z, pi), policy.logProb(pi), 1e-10);
        assertArrayEquals(NaivePlackettLuce.gradLogProb(z, pi), policy.gradLogProb(pi), 1e-12);
      }
    }
  }

  @Test
  void gradientSumsToZeroBecauseAShiftOfAllLogitsChangesNothing() {
    SplittableRandom rng = new SplittableRandom(4);
    PlackettLucePolicy policy = PlackettLucePolicy.ofLogits(randomLogits(rng, 500, 4));
    double[] grad = policy.gradLogProb(policy.sample(rng, 1));
    double sum = 0;
    for (double g : grad) {
      sum += g;
    }
    assertEquals(0, sum, 1e-9);
  }

  @Test
  void logProbStaysFiniteAndAccurateForLogitsSpanningTenThousand() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int n : new int[] {2, 10, 60}) {
      double[] z = randomLogits(rng, n, 1e4);
      PlackettLucePolicy policy = PlackettLucePolicy.ofLogits(z);
      for (Permutation pi : List.of(policy.mode(), reversed(policy.mode()), policy.sample(rng, 1e3))) {
        double expected = NaivePlackettLuce.logProb(z, pi);
        double actual = policy.logProb(pi);
        assertTrue(Double.isFinite(actual));
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), "N=" + n);
        double[] grad = policy.gradLogProb(pi);
        assertArrayEquals(NaivePlackettLuce.gradLogProb(z, pi), grad, 1e-12);
      }
    }
    // Hand-computable: gaps of 1e4 make the mode certain and the reverse order cost the gaps.
    PlackettLucePolicy spread = PlackettLucePolicy.ofLogits(new double[] {-1e4, 0, 1e4});
    assertEquals(0.0, spread.logProb(Permutation.of(2, 1, 0)), 0.0);
    assertEquals(-3e4, spread.logProb(Permutation.of(0, 1, 2)), 1e-9);
    assertArrayEquals(new double[] {1, 1, -2}, spread.gradLogProb(Permutation.of(0, 1, 2)), 1e-12);
  }

  @Test
  void modeIsArgsortDescendingWithTiesToTheLowerIndex() {
    PlackettLucePolicy policy = PlackettLucePolicy.ofLogits(new double[] {0, 1, 1, -2, 1, 0});
    assertEquals(Permutation.of(1, 2, 4, 0, 5, 3), policy.mode());
    assertEquals(policy.mode(), policy.sample(new SplittableRandom(6), 0));
  }

  @Test
  void modeInitReproducesEveryPaperOrderAndReferenceInitItsInverse() {
    SplittableRandom rng = new SplittableRandom(7);
    List<Permutation> orders = new ArrayList<>();
    for (ScanOrder order : ScanOrder.PAPER_ORDERS) {
      orders.add(order.permutation(14, 14, 0)); // 224px images, 16px patches
      orders.add(order.permutation(4, 4, 0));
    }
    for (int t = 0; t < 5; t++) {
      orders.add(randomPermutation(rng, 196));
    }
    for (Permutation s : orders) {
      assertEquals(s, PlackettLucePolicy.initFrom(s, InitVariant.MODE).mode());
      assertEquals(s.inverse(), PlackettLucePolicy.initFrom(s, InitVariant.REFERENCE).mode());
      double[] z = PlackettLucePolicy.initFrom(s, InitVariant.MODE).logits();
      assertEquals(0.0, z[s.patchAt(0)]);
      assertEquals(-1.0, z[s.patchAt(s.size() - 1)]);
    }
    // The two variants really differ where the order is not its own inverse (spiral, not row).
    Permutation spiral = ScanOrder.SPIRAL.permutation(14, 14, 0);
    assertNotEquals(spiral,
        PlackettLucePolicy.initFrom(spiral, InitVariant.REFERENCE).mode());
    Permutation row = ScanOrder.ROW.permutation(14, 14, 0);
    assertEquals(row, PlackettLucePolicy.initFrom(row, InitVariant.REFERENCE).mode());
  }

  @Test
  void singlePatchIsCertain() {
    PlackettLucePolicy one = PlackettLucePolicy.initFrom(Permutation.identity(1), InitVariant.MODE);
    assertArrayEquals(new double[] {0}, one.logits());
    assertEquals(Permutation.identity(1), one.sample(new SplittableRandom(8), 1));
    assertEquals(0.0, one.logProb(Permutation.identity(1)));
    assertArrayEquals(new double[] {0}, one.gradLogProb(Permutation.identity(1)));
  }

  @Test
  void batchGranularitySharesOneOrderAndImageGranularityDrawsEach() {
    PlackettLucePolicy policy = PlackettLucePolicy.ofLogits(new double[10]);
    List<Permutation> batch =
        policy.sampleForBatch(new SplittableRandom(9), 1, Granularity.BATCH, 8);
    assertEquals(8, batch.size());
    batch.forEach(p -> assertSame(batch.get(0), p));
    List<Permutation> images =
        policy.sampleForBatch(new SplittableRandom(9), 1, Granularity.IMAGE, 8);
    assertEquals(8, images.size());
    assertEquals(8, new HashSet<>(images).size());
    assertEquals(images, policy.sampleBatch(new SplittableRandom(9), 1, 8));
    assertNotEquals(images, policy.sampleBatch(new SplittableRandom(10), 1, 8));
  }

  @Test
  void rejectsBadInputNamingIt() {
    PlackettLucePolicy policy = PlackettLucePolicy.ofLogits(new double[3]);
    assertMessage("has 2 elements, policy has 3",
        assertThrows(IllegalArgumentException.class, () -> policy.logProb(Permutation.of(1, 0))));
    assertMessage("temperature must be finite and >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class,
            () -> policy.sample(new SplittableRandom(1), -1)));
    assertMessage("logit 1 is NaN", assertThrows(IllegalArgumentException.class,
        () -> PlackettLucePolicy.ofLogits(new double[] {0, Double.NaN})));
    assertMessage("known: mode, reference",
        assertThrows(IllegalArgumentException.class, () -> InitVariant.fromName("ramp")));
    assertMessage("known: batch, image",
        assertThrows(IllegalArgumentException.class, () -> Granularity.fromName("pixel")));
  }

  static void assertMessage(String expectedPart, Exception e) {
    assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
  }

  static double[] randomLogits(SplittableRandom rng, int n, double scale) {
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = scale * (2 * rng.nextDouble() - 1);
    }
    return z;
  }

  static Permutation randomPermutation(SplittableRandom rng, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      int j = rng.nextInt(i + 1);
      p[i] = p[j];
      p[j] = i;
    }
    return Permutation.of(p);
  }

  private static Permutation reversed(Permutation p) {
    int n = p.size();
    int[] r = new int[n];
    for (int k = 0; k < n; k++) {
      r[k] = p.patchAt(n - 1 - k);
    }
    return Permutation.of(r);
  }

  static List<Permutation> allPermutations(int n) {
    List<Permutation> out = new ArrayList<>();
    permute(new int[n], new boolean[n], 0, out);
    return out;
  }

  private static void permute(int[] prefix, boolean[] used, int k, List<Permutation> out) {
    if (k == prefix.length) {
      out.add(Permutation.of(prefix));
      return;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (!used[i]) {
        used[i] = true;
        prefix[k] = i;
        permute(prefix, used, k + 1, out);
        used[i] = false;
      }
    }
  }
}
