package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void warmsUpLinearlyThenCosinesToTheFloor() {
    LearningRateSchedule s = LearningRateSchedule.cosine(1e-3, 0.01, 4, 14);
    assertEquals(0.25e-3, s.at(1), 1e-15);
    assertEquals(0.5e-3, s.at(2), 1e-15);
    assertEquals(1e-3, s.at(4), 1e-15);
    // Half-way through the 10 decay updates the cosine is at the mid-point of peak and floor.
    assertEquals((1e-3 + 1e-5) / 2, s.at(9), 1e-15);
    // update 5 is one tenth into the decay: floor + (peak - floor) * (1 + cos(pi/10)) / 2
    assertEquals(1e-5 + (1e-3 - 1e-5) * 0.5 * (1 + Math.cos(Math.PI / 10)), s.at(5), 1e-15);
    assertEquals(1e-5, s.at(14), 1e-15);
    assertEquals((float) 1e-5, s.getNewValue(14));
  }

  @Test
  void flatVariantHoldsThePeakUntilThePolicyPhaseEnds() {
    LearningRateSchedule s = new LearningRateSchedule(2.0, 0.5, 2, 6, 10);
    assertEquals(1.0, s.at(1), 0);
    assertEquals(2.0, s.at(2), 0);
    assertEquals(2.0, s.at(6), 0);
    assertEquals(1.5, s.at(8), 1e-12); // half-way from 2.0 to the floor 1.0
    assertEquals(1.0, s.at(10), 1e-12);
  }

  @Test
  void noWarmupStartsAtThePeak() {
    LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 0.0, 0, 2);
    assertEquals(0.5, s.at(1), 1e-12);
    assertEquals(0.0, s.at(2), 1e-12);
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0, 0.1, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(1, 0.1, 3, 2));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(1, 0.1, 1, 2).at(0));
  }
}
