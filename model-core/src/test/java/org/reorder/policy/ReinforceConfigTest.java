package org.reorder.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.reorder.policy.PlackettLucePolicyTest.assertMessage;

import org.junit.jupiter.api.Test;

class ReinforceConfigTest {

  @Test
  void defaultsDeriveTheLearningRateAndDifferFromThePaperWhereDocumented() {
    ReinforceConfig d = ReinforceConfig.defaults();
    assertTrue(d.autoLearningRate());
    assertEquals(4.0 / 400, d.resolve(400).learningRate());
    assertEquals(ScoreFunction.SAMPLED, d.score());
    assertEquals(BaselineStart.FIRST, d.baselineStart());
    assertEquals("linear", d.temperatureSchedule());
    assertEquals(0.5, d.schedule(10).temperature(0, 101));
    assertEquals(0.25, d.schedule(10).temperature(50, 101));
    assertEquals(0.25, d.scoreTemperature(0.25));
    assertEquals(ReinforceConfig.paper().withLearningRate(0).withWeightDecay(0.03),
        new ReinforceConfig(0, 0.9, 0.999, 1e-8, 0.03, 5.0, 0.99, InitVariant.MODE,
            Granularity.BATCH, "triangle", 0.2, 4.0, ScoreFunction.UNTEMPERED,
            BaselineStart.ZERO));
    assertEquals(d, ReinforceConfig.preset("Default"));
    assertMessage("unknown policy preset 'fast'; known: default, paper",
        assertThrows(IllegalArgumentException.class, () -> ReinforceConfig.preset("fast")));
  }

  @Test
  void thePaperPresetIsThePapersSettings() {
    ReinforceConfig c = ReinforceConfig.paper();
    assertEquals(c, ReinforceConfig.preset("paper"));
    assertEquals(c, c.resolve(7));
    assertEquals(1.0, c.scoreTemperature(0.25));
    assertEquals(ScoreFunction.UNTEMPERED, c.score());
    assertEquals(BaselineStart.ZERO, c.baselineStart());
    assertEquals(1e-5, c.learningRate());
    assertEquals(0.9, c.beta1());
    assertEquals(0.999, c.beta2());
    assertEquals(0.03, c.weightDecay());
    assertEquals(5.0, c.clipNorm());
    assertEquals(0.99, c.baselineMomentum());
    assertEquals(InitVariant.MODE, c.initVariant());
    assertEquals(Granularity.BATCH, c.granularity());
    assertEquals(0.2, c.schedule(100).temperature(50, 101));
  }

  @Test
  void eachInvalidFieldIsNamed() {
    ReinforceConfig d = ReinforceConfig.defaults();
    assertMessage("learningRate must be finite and > 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(-1)));
    assertMessage("weightDecay must be finite and >= 0, got -0.1",
        assertThrows(IllegalArgumentException.class, () -> d.withWeightDecay(-0.1)));
    assertMessage("beta2 must be in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> new ReinforceConfig(1e-5, 0.9, 1.0,
            1e-8, 0.03, 5, 0.99, InitVariant.MODE, Granularity.BATCH, "triangle", 0.2, 2.0, ScoreFunction.UNTEMPERED, BaselineStart.ZERO)));
    assertMessage("baselineMomentum must be in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> new ReinforceConfig(1e-5, 0.9, 0.999,
            1e-8, 0.03, 5, 1.5, InitVariant.MODE, Granularity.BATCH, "triangle", 0.2, 2.0, ScoreFunction.UNTEMPERED, BaselineStart.ZERO)));
    assertMessage("clipNorm must be finite and > 0, got Infinity",
        assertThrows(IllegalArgumentException.class, () -> new ReinforceConfig(1e-5, 0.9, 0.999,
            1e-8, 0.03, Double.POSITIVE_INFINITY, 0.99, InitVariant.MODE, Granularity.BATCH,
            "triangle", 0.2, 2.0, ScoreFunction.UNTEMPERED, BaselineStart.ZERO)));
    assertMessage("unknown temperature schedule 'warm'",
        assertThrows(IllegalArgumentException.class, () -> new ReinforceConfig(1e-5, 0.9, 0.999,
            1e-8, 0.03, 5, 0.99, InitVariant.MODE, Granularity.BATCH, "warm", 0.2, 2.0, ScoreFunction.UNTEMPERED, BaselineStart.ZERO)));
  }

  @Test
  void scheduleNamesAreNormalised() {
    ReinforceConfig c = new ReinforceConfig(1e-5, 0.9, 0.999, 1e-8, 0.03, 5, 0.99,
        InitVariant.MODE, Granularity.BATCH, "Reference-Per-Epoch", 0.2, 2.0, ScoreFunction.UNTEMPERED, BaselineStart.ZERO);
    assertEquals("reference-per-epoch", c.temperatureSchedule());
  }
}
