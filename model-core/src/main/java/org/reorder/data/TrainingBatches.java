package org.reorder.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.reorder.patch.ImageRow;
import org.reorder.patch.PatchBatch;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.RowGroups;

/**
 * The training batches of one replica of a run, by {@code (epoch, step)}: the replica's stream of
 * {@link EpochPlan}, read window by window.
 *
 * <p>{@link #batch} seeks: it finds the window that holds the step's rows by the windows' row
 * counts and reads only that window (and the next, when a batch straddles two), so a resumed run or
 * a round that starts mid-epoch pays nothing for its position. While training consumes a window a
 * background thread reads the next one. At most three windows are held (the batch's one or two,
 * and the next), so memory is bounded by the window size, whatever the size of the split.
 *
 * <p>While the caller trains on a batch, a second background thread assembles the next step's
 * (copying and flipping 64 rows of 150 KB takes 5-8 ms, BENCHMARKS.md "Data path", time a GPU's
 * training thread would otherwise spend between steps). One batch is held ahead; a call for any
 * other step first waits for that assembly, then assembles its own, so only one assembly ever
 * touches the windows at a time.
 *
 * <p>Not thread-safe: one training loop uses it.
 */
public final class TrainingBatches implements AutoCloseable {
  private final RowGroups source;
  private final EpochPlan plan;
  private final int replica;
  private final HorizontalFlip flip;
  private final Prefetcher prefetcher = new Prefetcher();
  private final Prefetcher assembler = new Prefetcher();
  private final Map<WindowKey, Future<List<ImageRow>>> windowRows = new HashMap<>();
  private final Map<Integer, List<EpochPlan.Window>> epochWindows = new HashMap<>();
  /** The step whose batch {@link #assembler} is assembling, and that batch; null before a call. */
  private StepKey nextStep;
  private Future<PatchBatch> nextBatch;

  private record WindowKey(int epoch, int window) {}

  private record StepKey(int epoch, int step) {}

  /**
   * @param source the split's row groups
   * @param plan the run's plan (its replica count, batch size, window, seed)
   * @param replica which replica's stream this is
   * @param flip the augmentation applied to each image
   */
  public TrainingBatches(RowGroups source, EpochPlan plan, int replica, HorizontalFlip flip) {
    this.source = source;
    this.plan = plan;
    this.replica = replica;
    this.flip = flip;
    if (replica < 0 || replica >= plan.replicas()) {
      throw new IllegalArgumentException("replica " + replica + " of " + plan.replicas());
    }
  }

  /** Steps per epoch (the same for every replica). */
  public int stepsPerEpoch() {
    return plan.stepsPerEpoch();
  }

  /** Images a replica trains on per epoch. */
  public long imagesPerEpoch() {
    return (long) plan.stepsPerEpoch() * plan.batchSize();
  }

  /** The grid of every image. */
  public PatchGrid grid() {
    return source.grid();
  }

  /** The batch of step {@code step} (0-based, within the epoch) of epoch {@code epoch}. */
  public PatchBatch batch(int epoch, int step) {
    if (epoch < 0 || step < 0 || step >= plan.stepsPerEpoch()) {
      throw new IllegalArgumentException("no step " + step + " in epoch " + epoch + " (an epoch "
          + "has " + plan.stepsPerEpoch() + " steps)");
    }
    PatchBatch batch = null;
    if (nextBatch != null) {
      // Joined whatever step it is for: Future.get orders its window bookkeeping before ours. A
      // failed assembly (null) is redone here, so its error surfaces on the caller's thread.
      PatchBatch assembled = Prefetcher.resultOrNull(nextBatch);
      if (nextStep.equals(new StepKey(epoch, step))) {
        batch = assembled;
      }
    }
    if (batch == null) {
      batch = assemble(epoch, step);
    }
    StepKey next =
        step + 1 < plan.stepsPerEpoch() ? new StepKey(epoch, step + 1) : new StepKey(epoch + 1, 0);
    nextStep = next;
    nextBatch = assembler.submit(() -> assemble(next.epoch(), next.step()));
    return batch;
  }

  /** Copies (and flips) the rows of a step into its batch, reading or prefetching windows. */
  private PatchBatch assemble(int epoch, int step) {
    List<EpochPlan.Window> windows = windows(epoch);
    PatchGrid grid = source.grid();
    int size = plan.batchSize();
    int bytes = grid.tensorBytes();
    byte[] patches = new byte[Math.multiplyExact(size, bytes)];
    int[] labels = new int[size];
    String[] ids = new String[size];
    long first = (long) step * size;
    int w = windowOf(windows, first);
    Set<WindowKey> used = new HashSet<>();
    List<ImageRow> rows = null;
    for (int k = 0; k < size; k++) {
      long at = first + k;
      while (at >= windows.get(w).firstRow() + windows.get(w).rows()) {
        w++;
        rows = null;
      }
      if (rows == null) {
        rows = rows(epoch, w, windows.get(w));
        used.add(new WindowKey(epoch, w));
      }
      ImageRow row = rows.get((int) (at - windows.get(w).firstRow()));
      flip.copy(row.patches(), patches, k * bytes, flip.flips(epoch, row.imageId()));
      labels[k] = row.label();
      ids[k] = row.imageId();
    }
    WindowKey next = next(epoch, w, windows);
    windowRows.entrySet().removeIf(e -> {
      boolean stale = !used.contains(e.getKey()) && !e.getKey().equals(next);
      if (stale) {
        e.getValue().cancel(false); // a prefetch made useless by a seek
      }
      return stale;
    });
    if (!windowRows.containsKey(next)) {
      EpochPlan.Window window = windows(next.epoch()).get(next.window());
      windowRows.put(next, prefetcher.submit(() -> read(window)));
    }
    epochWindows.keySet().removeIf(e -> e != epoch && e != next.epoch());
    return new PatchBatch(patches, size, grid.numPatches(), grid.patchDim(), labels, ids);
  }

  /** The window read after window {@code w}: the next one of the epoch, or the next epoch's first. */
  private WindowKey next(int epoch, int w, List<EpochPlan.Window> windows) {
    long used = imagesPerEpoch();
    boolean last = w + 1 == windows.size() || windows.get(w + 1).firstRow() >= used;
    return last ? new WindowKey(epoch + 1, 0) : new WindowKey(epoch, w + 1);
  }

  /** The rows of a window in training order: prefetched, or read now. */
  private List<ImageRow> rows(int epoch, int w, EpochPlan.Window window) {
    WindowKey key = new WindowKey(epoch, w);
    Future<List<ImageRow>> pending = windowRows.get(key);
    List<ImageRow> rows = pending == null ? null : Prefetcher.resultOrNull(pending);
    if (rows == null) {
      rows = read(window);
      windowRows.put(key, CompletableFuture.completedFuture(rows));
    }
    return rows;
  }

  /** Reads a window's groups and shuffles their rows. */
  private List<ImageRow> read(EpochPlan.Window window) {
    List<ImageRow> loaded = new ArrayList<>(window.rows());
    for (int g : window.groups()) {
      loaded.addAll(source.readGroup(g));
    }
    int[] order = window.rowOrder();
    List<ImageRow> shuffled = new ArrayList<>(order.length);
    for (int i : order) {
      shuffled.add(loaded.get(i));
    }
    return shuffled;
  }

  private List<EpochPlan.Window> windows(int epoch) {
    return epochWindows.computeIfAbsent(epoch, e -> plan.windows(e, replica));
  }

  private static int windowOf(List<EpochPlan.Window> windows, long row) {
    int lo = 0;
    int hi = windows.size() - 1;
    while (lo < hi) { // the last window whose first row is <= row
      int mid = (lo + hi + 1) >>> 1;
      if (windows.get(mid).firstRow() <= row) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  @Override
  public void close() {
    // An assembly still running now only touches state that nobody reads after close.
    assembler.close();
    prefetcher.close();
    windowRows.clear();
  }
}
