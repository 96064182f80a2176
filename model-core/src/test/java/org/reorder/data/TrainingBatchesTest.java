package org.reorder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reorder.patch.ParquetSplit;
import org.reorder.patch.PatchBatch;
import org.reorder.patch.PatchDatasetWriter;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.RowGroups;
import org.reorder.patch.SplitIndex;

/** The streamed training batches of a replica: sharding, seeking, and what they read. */
class TrainingBatchesTest {
  private static final PatchGrid GRID = new PatchGrid(2, 2, 4, 3);
  private static final HorizontalFlip NO_FLIP = new HorizontalFlip(GRID, 0, 0);
  @TempDir Path dir;

  /** 12 row groups of 8 images in real Parquet files (a file each), 96 images in all. */
  private RowGroups parquet() throws IOException {
    PatchDatasetWriter w = new PatchDatasetWriter(dir, 8, 4, 3, List.of("a", "b", "c"));
    int[] files = new int[12];
    java.util.Arrays.fill(files, 8);
    w.writeSplit("train", files, w::randomRow);
    SplitIndex index = SplitIndex.read(dir.toString(), "train", 0, new Configuration());
    assertEquals(12, index.groups(), "row groups written");
    return new ParquetSplit(index, new Configuration());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void anEpochOverAllReplicasIsDisjointAndCoversTheSplitExactly(int replicas) throws Exception {
    RowGroups source = parquet();
    EpochPlan plan = new EpochPlan(((ParquetSplit) source).index().rowCounts(), replicas, 4, 2,
        7);
    for (int epoch = 0; epoch < 2; epoch++) {
      Set<String> ids = new HashSet<>();
      for (int r = 0; r < replicas; r++) {
        try (TrainingBatches b = new TrainingBatches(source, plan, r, NO_FLIP)) {
          for (int s = 0; s < plan.stepsPerEpoch(); s++) {
            for (String id : b.batch(epoch, s).imageIds()) {
              assertTrue(ids.add(id), id + " twice in epoch " + epoch);
            }
          }
        }
      }
      assertEquals(96, ids.size());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void unevenGroupsStayDisjointAndLeaveOutLessThanAGroupAndABatchPerReplica(int replicas) {
    int[] sizes = {9, 14, 3, 11, 8, 8, 2, 13};
    CountingRowGroups source = new CountingRowGroups(GRID, sizes);
    EpochPlan plan = new EpochPlan(sizes, replicas, 3, 3, 5);
    Set<String> ids = new HashSet<>();
    for (int r = 0; r < replicas; r++) {
      try (TrainingBatches b = new TrainingBatches(source, plan, r, NO_FLIP)) {
        for (int s = 0; s < plan.stepsPerEpoch(); s++) {
          for (String id : b.batch(0, s).imageIds()) {
            assertTrue(ids.add(id), id);
          }
        }
      }
    }
    int total = java.util.Arrays.stream(sizes).sum();
    assertEquals((long) plan.stepsPerEpoch() * 3 * replicas, ids.size());
    // Left out: less than a group (14 rows) and a batch (3) per replica.
    assertTrue(total - ids.size() < replicas * (14 + 3), "left out " + (total - ids.size()));
  }

  @Test
  void aBatchReadAtAnyPositionIsTheBatchReadInSequence() throws Exception {
    RowGroups source = parquet();
    EpochPlan plan = new EpochPlan(((ParquetSplit) source).index().rowCounts(), 2, 5, 3, 11);
    List<List<PatchBatch>> sequential = new ArrayList<>();
    try (TrainingBatches b = new TrainingBatches(source, plan, 1, NO_FLIP)) {
      for (int e = 0; e < 3; e++) {
        List<PatchBatch> epoch = new ArrayList<>();
        for (int s = 0; s < plan.stepsPerEpoch(); s++) {
          epoch.add(b.batch(e, s));
        }
        sequential.add(epoch);
      }
    }
    Random rng = new Random(1);
    try (TrainingBatches b = new TrainingBatches(source, plan, 1, NO_FLIP)) {
      for (int k = 0; k < 25; k++) { // jumps forward, backward and across epochs
        int e = rng.nextInt(3);
        int s = rng.nextInt(plan.stepsPerEpoch());
        assertSame(sequential.get(e).get(s), b.batch(e, s));
      }
    }
    for (int k = 0; k < 5; k++) { // a fresh reader, as a resumed run opens one
      int e = rng.nextInt(3);
      int s = rng.nextInt(plan.stepsPerEpoch());
      try (TrainingBatches b = new TrainingBatches(source, plan, 1, NO_FLIP)) {
        assertSame(sequential.get(e).get(s), b.batch(e, s));
      }
    }
  }

  @Test
  void aSeekReadsOnlyTheWindowsOfItsBatchAndWhatComesNext() throws Exception {
    int[] sizes = new int[24];
    java.util.Arrays.fill(sizes, 10);
    CountingRowGroups source = new CountingRowGroups(GRID, sizes);
    EpochPlan plan = new EpochPlan(sizes, 1, 10, 4, 3); // windows of 4 groups, 40 rows
    try (TrainingBatches b = new TrainingBatches(source, plan, 0, NO_FLIP)) {
      b.batch(0, plan.stepsPerEpoch() - 1); // the last batch of the epoch
      // Its own window; in the background, the next step's batch (epoch 1, step 0) from the next
      // epoch's first window, and the window after that one: 3 windows of 4 groups.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (source.totalReads() < 12 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(50);
      List<EpochPlan.Window> windows = plan.windows(0, 0);
      int[] expected = new int[sizes.length];
      for (EpochPlan.Window w : List.of(windows.get(windows.size() - 1),
          plan.windows(1, 0).get(0), plan.windows(1, 0).get(1))) {
        for (int g : w.groups()) {
          expected[g]++;
        }
      }
      for (int g = 0; g < sizes.length; g++) {
        assertEquals(expected[g], source.reads(g), "reads of group " + g);
      }
    }
  }

  @Test
  void aBatchIsTheSameWhetherAssembledAheadOrOnDemand() throws Exception {
    CountingRowGroups source = new CountingRowGroups(GRID, 10, 10, 10, 10, 10, 10);
    EpochPlan plan = new EpochPlan(new int[] {10, 10, 10, 10, 10, 10}, 1, 7, 2, 5);
    HorizontalFlip flip = new HorizontalFlip(GRID, 0.5, 9);
    try (TrainingBatches ahead = new TrainingBatches(source, plan, 0, flip)) {
      for (int e = 0; e < 2; e++) {
        for (int s = 0; s < plan.stepsPerEpoch(); s++) {
          PatchBatch next = ahead.batch(e, s); // assembled ahead, but for each epoch's first
          try (TrainingBatches fresh = new TrainingBatches(source, plan, 0, flip)) {
            assertSame(fresh.batch(e, s), next);
          }
        }
      }
    }
  }

  @Test
  void aGroupThatCannotBeReadFailsTheStepThatNeedsItOnTheCallersThread() {
    int[] sizes = {10, 10, 10, 10};
    int bad = 2;
    CountingRowGroups source = new CountingRowGroups(GRID, sizes).failing(bad);
    EpochPlan plan = new EpochPlan(sizes, 1, 10, 1, 7); // a window per group, a batch per window
    List<EpochPlan.Window> windows = plan.windows(0, 0);
    int failing = 0;
    while (windows.get(failing).groups()[0] != bad) {
      failing++;
    }
    assertTrue(failing > 0, "the failing step must come after one, to be assembled ahead");
    try (TrainingBatches b = new TrainingBatches(source, plan, 0, NO_FLIP)) {
      for (int s = 0; s < failing; s++) {
        assertEquals(10, b.batch(0, s).size(), "step " + s + " reads good groups");
      }
      int step = failing;
      java.io.UncheckedIOException e =
          assertThrows(java.io.UncheckedIOException.class, () -> b.batch(0, step));
      assertTrue(e.getMessage().contains(source.describe(bad)), e.getMessage());
      assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
      // Raised again by the caller's own read, not a background thread's exception passed on.
      boolean onCaller = false;
      for (StackTraceElement frame : e.getStackTrace()) {
        onCaller |= frame.getMethodName().equals("batch");
      }
      assertTrue(onCaller, "thrown from batch() on the caller's thread");
    }
  }

  private static void assertSame(PatchBatch expected, PatchBatch actual) {
    assertArrayEquals(expected.imageIds(), actual.imageIds());
    assertArrayEquals(expected.labels(), actual.labels());
    assertArrayEquals(expected.patches(), actual.patches());
  }

  /**
   * A dataset {@code reorder prep} wrote before it shuffled its rows (commit 2cd2cb8: rows in
   * listing order, one class after another; a test resource) trains and validates: every image
   * once per epoch, with the label its class folder gave it.
   */
  @Test
  void readsADatasetWrittenByAnEarlierVersion() throws Exception {
    String old = Path.of(getClass().getResource("/patch-format-2cd2cb8").toURI()).toString();
    Configuration conf = new Configuration();
    SplitIndex index = SplitIndex.read(old, "train", 0, conf);
    PatchGrid grid = new PatchGrid(2, 2, 8, 3);
    EpochPlan plan = new EpochPlan(index.rowCounts(), 1, 4, 2, 7);
    Set<String> ids = new HashSet<>();
    try (TrainingBatches b = new TrainingBatches(new ParquetSplit(index, conf), plan, 0,
        new HorizontalFlip(grid, 0, 0))) {
      for (int s = 0; s < plan.stepsPerEpoch(); s++) {
        PatchBatch batch = b.batch(0, s);
        for (int k = 0; k < batch.size(); k++) {
          assertTrue(ids.add(batch.imageIds()[k]));
          assertTrue(batch.imageIds()[k].startsWith("arrangement_0" + batch.labels()[k] + "_"),
              batch.imageIds()[k] + " label " + batch.labels()[k]);
          assertEquals(grid.tensorBytes(), batch.image(k).length);
        }
      }
    }
    assertEquals(12, ids.size());
    try (StoredOrderBatches val = StoredOrderBatches.open(old, "val", 2, conf)) {
      List<Integer> labels = new ArrayList<>();
      for (PatchBatch batch : val) {
        for (int k = 0; k < batch.size(); k++) {
          labels.add(batch.labels()[k]);
        }
      }
      assertEquals(List.of(0, 1, 2), labels.stream().sorted().toList());
    }
  }
}
