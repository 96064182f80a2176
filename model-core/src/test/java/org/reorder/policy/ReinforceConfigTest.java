package org.reorder.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.reorder.policy.PlackettLucePolicyTest.assertMessage;

import org.junit.jupiter.api.Test;

class ReinforceConfigTest {

  @Test
  void defaultsAreThePapersSettings() {
    ReinforceConfig c = ReinforceConfig.defaults();
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
    assertMessage("learningRate must be finite and > 0, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(0)));
    assertMessage("weightDecay must be finite and >= 0, got -0.1",
        assertThrows(IllegalArgumentException.class, () -> d.withWeightDecay(-0.1)));
    assertMessage("beta2 must be in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> new ReinforceConfig(1e-5, 0.9, 1.0,
            1e-8, 0.03, 5, 0.99, InitVariant.MODE, Granularity.BATCH, "triangle", 0.2)));
    assertMessage("baselineMomentum must be in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> new ReinforceConfig(1e-5, 0.9, 0.999,
            1e-8, 0.03, 5, 1.5, InitVariant.MODE, Granularity.BATCH, "triangle", 0.2)));
    assertMessage("clipNorm must be finite and > 0, got Infinity",
        assertThrows(IllegalArgumentException.class, () -> new ReinforceConfig(1e-5, 0.9, 0.999,
            1e-8, 0.03, Double.POSITIVE_INFINITY, 0.99, InitVariant.MODE, Granularity.BATCH,
            "triangle", 0.2)));
    assertMessage("unknown temperature schedule 'warm'",
        assertThrows(IllegalArgumentException.class, () -> new ReinforceConfig(1e-5, 0.9, 0.999,
            1e-8, 0.03, 5, 0.99, InitVariant.MODE, Granularity.BATCH, "warm", 0.2)));
  }

  @Test
  void scheduleNamesAreNormalised() {
    ReinforceConfig c = new ReinforceConfig(1e-5, 0.9, 0.999, 1e-8, 0.03, 5, 0.99,
        InitVariant.MODE, Granularity.BATCH, "Reference-Per-Epoch", 0.2);
    assertEquals("reference-per-epoch", c.temperatureSchedule());
  }
}
