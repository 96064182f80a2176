package org.reorder.train;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.reorder.patch.PatchBatch;

/**
 * Batches cut from images held in memory. With shuffling, each epoch visits the images in a
 * permutation drawn from {@code Seeds.derive(seed, SHUFFLE, epoch)} and drops the last partial
 * batch (training); without, it keeps the stored order and the partial batch (evaluation).
 */
public final class InMemoryBatchSource implements BatchSource {
  private final PatchBatch images;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;

  private InMemoryBatchSource(PatchBatch images, int batchSize, boolean shuffle, long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (shuffle && batchSize > images.size()) {
      throw new IllegalArgumentException(
          "batch size " + batchSize + " exceeds the " + images.size() + " training images");
    }
    this.images = images;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
  }

  /** Shuffled per epoch, full batches only. */
  public static InMemoryBatchSource training(PatchBatch images, int batchSize, long seed) {
    return new InMemoryBatchSource(images, batchSize, true, seed);
  }

  /** Stored order, every image. */
  public static InMemoryBatchSource evaluation(PatchBatch images, int batchSize) {
    return new InMemoryBatchSource(images, batchSize, false, 0);
  }

  @Override
  public int batchesPerEpoch() {
    return shuffle ? images.size() / batchSize : (images.size() + batchSize - 1) / batchSize;
  }

  @Override
  public int imagesPerEpoch() {
    return shuffle ? batchesPerEpoch() * batchSize : images.size();
  }

  @Override
  public Iterator<PatchBatch> epoch(int epoch) {
    int[] visit = new int[images.size()];
    for (int i = 0; i < visit.length; i++) {
      visit[i] = i;
    }
    if (shuffle) {
      Random rng = new Random(Seeds.derive(seed, Seeds.SHUFFLE, epoch));
      for (int i = visit.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = visit[i];
        visit[i] = visit[j];
        visit[j] = t;
      }
    }
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < batchesPerEpoch();
      }

      @Override
      public PatchBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int from = next++ * batchSize;
        int to = Math.min(from + batchSize, visit.length);
        return slice(visit, from, to);
      }
    };
  }

  private PatchBatch slice(int[] visit, int from, int to) {
    int n = to - from;
    int bytes = images.imageBytes();
    byte[] patches = new byte[n * bytes];
    int[] labels = new int[n];
    String[] ids = new String[n];
    for (int k = 0; k < n; k++) {
      int i = visit[from + k];
      System.arraycopy(images.patches(), i * bytes, patches, k * bytes, bytes);
      labels[k] = images.labels()[i];
      ids[k] = images.imageIds()[i];
    }
    return new PatchBatch(patches, n, images.numPatches(), images.patchDim(), labels, ids);
  }
}
