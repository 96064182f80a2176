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
import org.reorder.data.DataIndex;

class RoundScheduleTest {
  private static final DataIndex NO_DATA = new DataIndex(null, null); // the synthetic source's

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

  @Test
  void aRoundHasOneTaskPerReplicaOfEachUnfinishedRun() {
    List<RoundSchedule.RunPosition> runs = List.of(
        new RoundSchedule.RunPosition("a", 3, 10, 4, "yaml-a", "dir-a", NO_DATA, -1),
        new RoundSchedule.RunPosition("done", 5, 16, 4, "yaml-d", "dir-d", NO_DATA, -1), // 16/4 = 4 rounds
        new RoundSchedule.RunPosition("b", 1, 10, 4, "yaml-b", "dir-b", NO_DATA, 1));
    List<TaskSpec> tasks = RoundSchedule.tasks(runs, 4, 2, 3);
    assertEquals(4, tasks.size());
    TaskSpec a0 = tasks.get(0);
    assertEquals("a", a0.runId());
    assertEquals(0, a0.replica());
    assertEquals(3, a0.round());
    assertEquals(8, a0.firstStep());
    assertEquals(10, a0.endStep());
    assertEquals("dir-a", a0.checkpointDir());
    assertEquals(3, a0.keepCheckpoints());
    assertEquals(1, tasks.get(1).replica());
    assertEquals("b", tasks.get(2).runId());
    assertEquals(0, tasks.get(2).firstStep());
    assertEquals(4, tasks.get(2).endStep());
    assertFalse(tasks.get(2).injectFault());
    assertTrue(tasks.get(3).injectFault()); // replica 1 of b
    assertTrue(RoundSchedule.tasks(List.of(runs.get(1)), 4, 2, 3).isEmpty());
  }

  @Test
  void checkpointFileNamesAreStablePerReplica() {
    assertEquals("model-r000.params", TaskSpec.paramsFile(0));
    assertEquals("optimizer-r012.bin", TaskSpec.optimizerFile(12));
  }
}
