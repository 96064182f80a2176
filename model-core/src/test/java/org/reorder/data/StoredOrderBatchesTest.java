package org.reorder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.patch.ImageRow;
import org.reorder.patch.PatchBatch;
import org.reorder.patch.PatchDatasetWriter;

/** Validation's reading: every image, stored order, batches across groups and files. */
class StoredOrderBatchesTest {
  @TempDir Path dir;

  @Test
  void everyImageInFileAndRowOrderInBatchesThatCrossGroupsAndFiles() throws IOException {
    PatchDatasetWriter w = new PatchDatasetWriter(dir, 8, 4, 3, List.of("a", "b", "c"))
        .rowGroupBytes(1024);
    w.writeSplit("val", new int[] {11, 6}, w::randomRow);
    try (StoredOrderBatches val = StoredOrderBatches.open(dir.toString(), "val", 5,
        new Configuration())) {
      assertEquals(17, val.images());
      for (int pass = 0; pass < 2; pass++) { // every pass starts from the first image
        List<Integer> sizes = new ArrayList<>();
        int i = 0;
        for (PatchBatch b : val) {
          sizes.add(b.size());
          for (int k = 0; k < b.size(); k++, i++) {
            ImageRow expected = w.randomRow(i);
            assertEquals(expected.imageId(), b.imageIds()[k]);
            assertEquals(expected.label(), b.labels()[k]);
            assertArrayEquals(expected.patches(), b.image(k));
          }
        }
        assertEquals(List.of(5, 5, 5, 2), sizes);
      }
    }
  }
}
