package org.reorder.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PatchBatchTest {

  @Test
  void slicesOneImage() {
    byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
    PatchBatch b = new PatchBatch(data, 2, 2, 2, new int[] {0, 1}, new String[] {"a", "b"});
    assertArrayEquals(new byte[] {5, 6, 7, 8}, b.image(1));
  }

  @Test
  void rejectsInconsistentShapes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PatchBatch(new byte[7], 2, 2, 2, new int[2], new String[2]));
    assertTrue(e.getMessage().contains("expected size*numPatches*patchDim = 8"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new PatchBatch(new byte[8], 2, 2, 2, new int[1], new String[2]));
  }
}
