package org.reorder.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.reorder.policy.PlackettLucePolicyTest.assertMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.order.Permutation;

class PolicyCheckpointTest {
  private static final double[] EDGE_CASES = {
    0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL, 1e-310, 4.9e-324, Double.MAX_VALUE,
    -1.7976931348623157e308, 1e300, 0.1, 1.0 / 3, Math.PI, 2e-5, 123456789.123456789
  };

  @TempDir Path dir;

  /** Finite doubles with random bit patterns (every exponent), then the edge cases. */
  private static double[] randomDoubles(SplittableRandom rng, int n, boolean nonNegative) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double d;
      do {
        d = i < EDGE_CASES.length ? EDGE_CASES[i] : Double.longBitsToDouble(rng.nextLong());
      } while (!Double.isFinite(d));
      out[i] = nonNegative ? Math.abs(d) : d;
    }
    return out;
  }

  @Test
  void jsonRoundTripIsBitExact() {
    SplittableRandom rng = new SplittableRandom(31);
    int n = 500;
    ReinforceConfig config = new ReinforceConfig(1.0 / 3, 0.91, 0.9991, 1e-9, 0.03, 5, 0.99,
        InitVariant.REFERENCE, Granularity.IMAGE, "reference-per-epoch", 0.2, 2.0, ScoreFunction.UNTEMPERED, BaselineStart.ZERO);
    PolicyCheckpoint saved = new PolicyCheckpoint(PolicyCheckpoint.FORMAT_VERSION, config,
        randomDoubles(rng, n, false), randomDoubles(rng, n, false), randomDoubles(rng, n, true),
        123_456_789_012L, -0.1 / 3, true);
    PolicyCheckpoint loaded = PolicyCheckpoint.fromJson(saved.toJson(), "memory");
    assertBitsEqual(saved.logits(), loaded.logits());
    assertBitsEqual(saved.firstMoment(), loaded.firstMoment());
    assertBitsEqual(saved.secondMoment(), loaded.secondMoment());
    assertEquals(Double.doubleToRawLongBits(saved.baseline()),
        Double.doubleToRawLongBits(loaded.baseline()));
    assertEquals(saved.step(), loaded.step());
    assertEquals(config, loaded.config());
  }

  @Test
  void aReloadedOptimizerContinuesExactlyLikeTheOriginal() throws IOException {
    SplittableRandom rng = new SplittableRandom(32);
    int n = 20;
    ReinforceOptimizer original = new ReinforceOptimizer(ReinforceConfig.defaults().withLearningRate(0.01),
        PlackettLucePolicy.initFrom(PlackettLucePolicyTest.randomPermutation(rng, n),
            InitVariant.MODE));
    for (int s = 0; s < 3; s++) {
      original.step(randomStats(original, rng));
    }
    Path file = dir.resolve("policy.json");
    original.save(file);
    ReinforceOptimizer reloaded = ReinforceOptimizer.load(file);
    for (int s = 0; s < 3; s++) {
      long seed = rng.nextLong();
      original.step(randomStats(original, new SplittableRandom(seed)));
      reloaded.step(randomStats(reloaded, new SplittableRandom(seed)));
    }
    assertBitsEqual(original.policy().logits(), reloaded.policy().logits());
    assertBitsEqual(original.secondMoment(), reloaded.secondMoment());
    assertEquals(original.baseline(), reloaded.baseline(), 0);
    assertEquals(5, reloaded.stepCount()); // the first step only set the baseline
  }

  private static ReinforceStats randomStats(ReinforceOptimizer opt, SplittableRandom rng) {
    Permutation pi = opt.policy().sample(rng, 1);
    return ReinforceStats.of(opt.policy(), pi, new double[] {rng.nextDouble(), -rng.nextDouble()},
        opt.baseline());
  }

  @Test
  void badFilesAreRejectedNamingTheFileAndTheField() throws IOException {
    ReinforceOptimizer opt = new ReinforceOptimizer(
        ReinforceConfig.paper(), PlackettLucePolicy.ofLogits(new double[] {0, -1}));
    String json = PolicyCheckpoint.of(opt).toJson();
    assertRejected(json.replace("\"baseline\"", "\"baseLine\""), "property 'baseline'");
    assertRejected(json.replaceFirst("\"formatVersion\" : 2", "\"formatVersion\" : 7"),
        "formatVersion is 7, this code reads 2");
    assertRejected(json.replace("\"untempered\"", "\"tempered\""),
        "unknown policy score 'tempered'");
    assertRejected(json.replace("\"baselineSet\" : true", "\"baselineSet\" : null"),
        "Cannot map `null` into type `boolean`");
    assertRejected(json.replaceFirst("\"logits\" : \\[ 0.0,", "\"logits\" : [ 0.0, 2.0,"),
        "must have the logits' length 3, got 2 and 2");
    assertRejected(json.replace("\"learningRate\" : 1.0E-5", "\"learningRate\" : -1"),
        "learningRate must be finite and > 0, got -1.0");
    assertRejected(json.replace("\"triangle\"", "\"cosine\""), "unknown temperature schedule");
    assertRejected(json.replace("\"batch\"", "\"pixel\""), "unknown policy granularity 'pixel'");
    assertRejected(json.replace("\"step\" : 0,", ""), "step");
  }

  private void assertRejected(String json, String expectedPart) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, json);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReinforceOptimizer.load(file));
    assertMessage("invalid policy checkpoint " + file, e);
    assertMessage(expectedPart, e);
  }

  private static void assertBitsEqual(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
          "element " + i + ": " + expected[i] + " vs " + actual[i]);
    }
  }
}
