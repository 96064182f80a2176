package org.reorder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The epoch plan as a pure function: dealing, windows, steps per epoch. */
class EpochPlanTest {
  // Uneven groups, as a split of several files has (each file's last group is short).
  private static final int[] ROWS = {40, 40, 13, 40, 40, 40, 7, 40, 40, 21, 40};

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void replicasAreDealtDisjointGroupsThatCoverTheSplit(int replicas) {
    EpochPlan plan = new EpochPlan(ROWS, replicas, 8, 3, 42);
    for (int epoch = 0; epoch < 3; epoch++) {
      Set<Integer> seen = new HashSet<>();
      List<Long> loads = new ArrayList<>();
      for (int r = 0; r < replicas; r++) {
        long row = 0;
        for (EpochPlan.Window w : plan.windows(epoch, r)) {
          assertEquals(row, w.firstRow());
          assertTrue(w.groups().length <= 3);
          int rows = 0;
          for (int g : w.groups()) {
            assertTrue(seen.add(g), "group " + g + " dealt twice");
            rows += ROWS[g];
          }
          assertEquals(rows, w.rows());
          row += rows;
        }
        loads.add(row);
        // every replica can fill the plan's steps
        assertTrue(row >= (long) plan.stepsPerEpoch() * 8);
      }
      assertEquals(ROWS.length, seen.size());
      long spread = loads.stream().mapToLong(i -> i).max().getAsLong()
          - loads.stream().mapToLong(i -> i).min().getAsLong();
      assertTrue(spread <= 40, "rows per replica " + loads);
    }
  }

  @Test
  void theStepCountIsABoundThatEveryOrderOfTheGroupsMeets() {
    // Exact enumeration: deal the groups least-loaded-first in every one of the 6! orders an
    // epoch's shuffle can produce; the smallest load never falls below the plan's bound.
    int[] rows = {5, 9, 2, 7, 3, 8};
    for (int replicas = 1; replicas <= 3; replicas++) {
      long bound = EpochPlan.fewestRowsPerReplica(rows, replicas);
      long worst = Long.MAX_VALUE;
      for (int[] order : permutations(rows.length)) {
        long[] load = new long[replicas];
        for (int g : order) {
          int least = 0;
          for (int r = 1; r < replicas; r++) {
            least = load[r] < load[least] ? r : least;
          }
          load[least] += rows[g];
        }
        worst = Math.min(worst, Arrays.stream(load).min().getAsLong());
      }
      assertTrue(bound <= worst, replicas + " replicas: bound " + bound + ", worst " + worst);
      assertTrue(worst - bound < 9, "bound " + bound + " is loose by more than a group: " + worst);
      assertEquals(bound / 3, new EpochPlan(rows, replicas, 3, 2, 1).stepsPerEpoch());
    }
    assertEquals(34, EpochPlan.fewestRowsPerReplica(rows, 1)); // R = 1: every row
  }

  private static List<int[]> permutations(int n) {
    List<int[]> out = new ArrayList<>();
    permute(new int[n], new boolean[n], 0, out);
    return out;
  }

  private static void permute(int[] prefix, boolean[] used, int k, List<int[]> out) {
    if (k == prefix.length) {
      out.add(prefix.clone());
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

  @Test
  void epochsShuffleDifferentlyAndTheSameSeedPlansTheSame() {
    EpochPlan plan = new EpochPlan(ROWS, 1, 8, 2, 42);
    EpochPlan again = new EpochPlan(ROWS, 1, 8, 2, 42);
    assertEquals(groups(plan, 0), groups(again, 0));
    assertNotEquals(groups(plan, 0), groups(plan, 1));
    assertNotEquals(groups(plan, 0), groups(new EpochPlan(ROWS, 1, 8, 2, 43), 0));
    int[] order = plan.windows(0, 0).get(0).rowOrder();
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
    assertTrue(Arrays.equals(order, again.windows(0, 0).get(0).rowOrder()));
  }

  @Test
  void tooFewGroupsOrRowsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EpochPlan(new int[] {5, 5}, 3, 1, 1, 0));
    assertTrue(e.getMessage().contains("3 replicas") && e.getMessage().contains("0 images"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new EpochPlan(new int[] {5, 5}, 2, 6, 1, 0));
    assertTrue(e.getMessage().contains("batch of 6"), e.getMessage());
  }

  private static List<Integer> groups(EpochPlan plan, int epoch) {
    List<Integer> out = new ArrayList<>();
    for (EpochPlan.Window w : plan.windows(epoch, 0)) {
      for (int g : w.groups()) {
        out.add(g);
      }
    }
    return out;
  }
}
