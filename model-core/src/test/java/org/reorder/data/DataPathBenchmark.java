package org.reorder.data;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.reorder.patch.ParquetSplit;
import org.reorder.patch.PatchDatasetWriter;
import org.reorder.patch.SplitIndex;

/**
 * The streaming data path at 224 px / p16 (150,528 bytes an image), for {@code bench/data-path.sh}:
 *
 * <ul>
 *   <li>{@code write DIR N}: a patch dataset of N training images (files of 512 rows, row groups
 *       of 64 MB, as {@code reorder prep} writes them; random pixels, uncompressed) and 64
 *       validation images;
 *   <li>{@code read DIR}: three epochs of one replica's batches (batch 64, window 8). The first
 *       two as fast as the reader goes, each in images/s: the first from a cold JVM (class
 *       loading, JIT, the first window read before the first batch), the second the steady state,
 *       with its longest wait for a batch (a window's rows not yet read when its first batch is
 *       asked for). The third paced like a training thread that feeds a GPU 512 images/s, each
 *       batch followed by 64/512 s of training: the time it would spend in {@code batch()} per
 *       step (assembling the batch, and any wait for a window) and the share of the epoch's wall
 *       time in GC pauses. Then the time to the first batch of a source opened at step 0 and at
 *       the epoch's last step (median of 3 openings each).
 * </ul>
 *
 * Peak memory of a whole {@code reorder train} epoch is measured by the script around the CLI.
 */
public final class DataPathBenchmark {
  private static final int BATCH = 64;
  private static final int WINDOW = 8;
  /**
   * What ViT-B consumes on one GPU at the reference's 128 images per step and about 0.25 s a step
   * (BENCHMARKS.md, Data path).
   */
  private static final int PACED_IMAGES_PER_S = 512;

  private DataPathBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    if (args[0].equals("write")) {
      write(dir, Integer.parseInt(args[2]));
    } else {
      read(dir);
    }
  }

  private static void write(Path dir, int images) throws Exception {
    PatchDatasetWriter w = new PatchDatasetWriter(dir, 224, 16, 3,
        List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")).rowGroupBytes(64L << 20);
    int[] files = new int[(images + 511) / 512];
    Arrays.fill(files, 512);
    files[files.length - 1] = images - 512 * (files.length - 1);
    w.writeSplit("train", files, w::randomRow);
    w.writeSplit("val", new int[] {64}, w::randomRow);
  }

  private static void read(Path dir) throws Exception {
    Configuration conf = new Configuration();
    SplitIndex index = SplitIndex.read(dir.toString(), "train", 0, conf);
    EpochPlan plan = new EpochPlan(index.rowCounts(), 1, BATCH, WINDOW, 1);
    HorizontalFlip flip = new HorizontalFlip(index.grid(), 0.5, 1);
    ParquetSplit source = new ParquetSplit(index, conf);
    Epoch cold;
    Epoch warm;
    Epoch paced;
    try (TrainingBatches batches = new TrainingBatches(source, plan, 0, flip)) {
      cold = Epoch.read(batches, 0, 0);
      warm = Epoch.read(batches, 1, 0);
      paced = Epoch.read(batches, 2, BATCH * 1000L / PACED_IMAGES_PER_S);
    }
    double first = firstBatchSeconds(source, plan, flip, 0);
    double last = firstBatchSeconds(source, plan, flip, plan.stepsPerEpoch() - 1);
    System.out.printf(Locale.ROOT, "images=%d groups=%d epoch_s=%.2f images_per_s=%.0f "
        + "epoch2_s=%.2f epoch2_ips=%.0f epoch2_longest_wait_s=%.3f "
        + "paced_ips=%d paced_batch_ms=%.1f paced_longest_wait_s=%.3f paced_gc_pct=%.1f "
        + "first_batch_step0_s=%.3f first_batch_last_step_s=%.3f%n",
        cold.images, index.groups(), cold.seconds, cold.imagesPerSecond(), warm.seconds,
        warm.imagesPerSecond(), warm.longestWait, PACED_IMAGES_PER_S,
        1000 * paced.inBatch / plan.stepsPerEpoch(), paced.longestWait,
        100 * paced.gcSeconds / paced.seconds, first, last);
  }

  /**
   * One epoch's reading: its images and wall seconds, the longest and the total time the caller
   * spent in {@link TrainingBatches#batch} (what a training thread would wait), and the JVM's GC
   * time meanwhile.
   */
  private record Epoch(
      long images, double seconds, double longestWait, double inBatch, double gcSeconds) {

    /**
     * Reads epoch {@code epoch}, each batch followed by {@code trainMillis} of "training" (a sleep,
     * as a training thread waiting on its GPU; 0: the next batch at once).
     */
    static Epoch read(TrainingBatches batches, int epoch, long trainMillis)
        throws InterruptedException {
      long gcBefore = gcMillis();
      long start = System.nanoTime();
      long images = 0;
      double longest = 0;
      double total = 0;
      for (int s = 0; s < batches.stepsPerEpoch(); s++) {
        long asked = System.nanoTime();
        images += batches.batch(epoch, s).size();
        double waited = (System.nanoTime() - asked) / 1e9;
        longest = Math.max(longest, waited);
        total += waited;
        Thread.sleep(trainMillis);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Epoch(images, seconds, longest, total, (gcMillis() - gcBefore) / 1e3);
    }

    double imagesPerSecond() {
      return images / seconds;
    }

    private static long gcMillis() {
      long ms = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ms += Math.max(0, gc.getCollectionTime()); // -1: a collector that does not report it
      }
      return ms;
    }
  }

  private static double firstBatchSeconds(ParquetSplit source, EpochPlan plan,
      HorizontalFlip flip, int step) throws Exception {
    double[] t = new double[3];
    for (int i = 0; i < t.length; i++) {
      long start = System.nanoTime();
      try (TrainingBatches batches = new TrainingBatches(source, plan, 0, flip)) {
        batches.batch(0, step);
        t[i] = (System.nanoTime() - start) / 1e9;
      }
    }
    Arrays.sort(t);
    return t[1];
  }
}
