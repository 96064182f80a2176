package org.reorder.train;

import java.util.Iterator;
import org.reorder.patch.PatchBatch;

/**
 * The batches of one split, epoch by epoch. Implementations are deterministic: {@code epoch(e)}
 * yields the same batches in the same order every time it is called, which is what lets a resumed
 * run skip the batches it has already trained on.
 */
public interface BatchSource {

  /** The batches of epoch {@code epoch} (0-based). */
  Iterator<PatchBatch> epoch(int epoch);

  /** Number of batches {@link #epoch} yields. */
  int batchesPerEpoch();

  /** Number of images one epoch covers. */
  int imagesPerEpoch();
}
