package org.reorder.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.reorder.patch.ImageRow;
import org.reorder.patch.ParquetSplit;
import org.reorder.patch.PatchBatch;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.RowGroups;
import org.reorder.patch.SplitIndex;

/**
 * Every image of a split in stored order (row groups in order, rows in order), in batches of a
 * fixed size; the last batch may be smaller. What validation reads. Each {@link #iterator()} is a
 * new pass that holds one row group and reads the next in the background, so memory does not grow
 * with the split.
 *
 * <pre>{@code
 * try (StoredOrderBatches split = StoredOrderBatches.open("out/imagenet", "val", 64, conf)) {
 *   for (PatchBatch b : split) { ... }
 * }
 * }</pre>
 */
public final class StoredOrderBatches implements Iterable<PatchBatch>, AutoCloseable {
  private final RowGroups source;
  private final int batchSize;
  private final Prefetcher prefetcher = new Prefetcher();

  public StoredOrderBatches(RowGroups source, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    this.source = source;
    this.batchSize = batchSize;
  }

  /** Split {@code split} of the patch dataset at {@code datasetDir}, every image. */
  public static StoredOrderBatches open(String datasetDir, String split, int batchSize,
      Configuration conf) throws IOException {
    return new StoredOrderBatches(
        new ParquetSplit(SplitIndex.read(datasetDir, split, 0, conf), conf), batchSize);
  }

  /** Number of images a pass yields. */
  public long images() {
    return source.totalRows();
  }

  /** The grid of every image. */
  public PatchGrid grid() {
    return source.grid();
  }

  @Override
  public Iterator<PatchBatch> iterator() {
    return new Pass();
  }

  @Override
  public void close() {
    prefetcher.close();
  }

  /** One pass over the split. */
  private final class Pass implements Iterator<PatchBatch> {
    private int nextGroup;
    private Future<List<ImageRow>> prefetched;
    private List<ImageRow> rows = List.of();
    private int at;

    @Override
    public boolean hasNext() {
      while (at == rows.size() && nextGroup < source.count()) {
        rows = readNextGroup();
        at = 0;
      }
      return at < rows.size();
    }

    @Override
    public PatchBatch next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more batches");
      }
      PatchGrid grid = source.grid();
      int bytes = grid.tensorBytes();
      List<ImageRow> batch = new ArrayList<>(batchSize);
      while (batch.size() < batchSize && hasNext()) {
        batch.add(rows.get(at++));
      }
      byte[] patches = new byte[Math.multiplyExact(batch.size(), bytes)];
      int[] labels = new int[batch.size()];
      String[] ids = new String[batch.size()];
      for (int k = 0; k < batch.size(); k++) {
        System.arraycopy(batch.get(k).patches(), 0, patches, k * bytes, bytes);
        labels[k] = batch.get(k).label();
        ids[k] = batch.get(k).imageId();
      }
      return new PatchBatch(patches, batch.size(), grid.numPatches(), grid.patchDim(), labels,
          ids);
    }

    private List<ImageRow> readNextGroup() {
      int g = nextGroup++;
      List<ImageRow> read = prefetched == null ? null : Prefetcher.resultOrNull(prefetched);
      if (read == null) {
        read = source.readGroup(g);
      }
      prefetched = null;
      if (nextGroup < source.count()) {
        int following = nextGroup;
        prefetched = prefetcher.submit(() -> source.readGroup(following));
      }
      return read;
    }
  }
}
