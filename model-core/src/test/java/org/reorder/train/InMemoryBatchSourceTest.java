package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.reorder.patch.PatchBatch;

class InMemoryBatchSourceTest {
  private final PatchBatch images = new SyntheticPatches(4, 3, 5, 0.1, 11).split("train", 10);

  private static List<String> ids(Iterator<PatchBatch> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(b -> out.addAll(List.of(b.imageIds())));
    return out;
  }

  @Test
  void trainingShufflesDeterministicallyPerEpochAndDropsThePartialBatch() {
    InMemoryBatchSource source = InMemoryBatchSource.training(images, 3, 42);
    assertEquals(3, source.batchesPerEpoch());
    assertEquals(9, source.imagesPerEpoch());
    List<String> e0 = ids(source.epoch(0));
    assertEquals(9, e0.size());
    assertEquals(9, new TreeSet<>(e0).size());
    assertEquals(e0, ids(source.epoch(0)));
    assertFalse(e0.equals(ids(source.epoch(1))));
    assertEquals(e0, ids(InMemoryBatchSource.training(images, 3, 42).epoch(0)));
  }

  @Test
  void evaluationKeepsOrderAndEveryImageWithItsBytes() {
    InMemoryBatchSource source = InMemoryBatchSource.evaluation(images, 4);
    assertEquals(3, source.batchesPerEpoch());
    Iterator<PatchBatch> it = source.epoch(0);
    it.next();
    it.next();
    PatchBatch last = it.next();
    assertEquals(2, last.size());
    assertArrayEquals(images.image(9), last.image(1));
    assertEquals(images.labels()[9], last.labels()[1]);
    assertFalse(it.hasNext());
  }
}
