package org.reorder.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundScheduleTest {

  @Test
  void roundsCoverEveryStepOnceAndTheLastRoundIsShort() {
    int total = 23;
    int k = 5;
    assertEquals(5, RoundSchedule.rounds(total, k));
    List<Integer> steps = new ArrayList<>();
    for (int r = 1; r <= RoundSchedule.rounds(total, k); r++) {
      for (int s = RoundSchedule.firstStep(r, k); s < RoundSchedule.endStep(r, k, total); s++) {
        steps.add(s);
      }
    }
    assertEquals(total, steps.size());
    for (int i = 0; i < total; i++) {
      assertEquals(i, steps.get(i));
    }
    assertEquals(20, RoundSchedule.firstStep(5, k));
    assertEquals(23, RoundSchedule.endStep(5, k, total));
    assertEquals(1, RoundSchedule.rounds(1, 100));
  }
}
