package org.reorder.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TestPatchesTest {

  @Test
  void cutsChannelMajorPatchesInRowMajorGridOrder() {
    // 2 channels, 2x4 image, 2x2 patches: channel 0 holds 0..7, channel 1 holds 10..17.
    byte[] image = {0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17};
    byte[] expected = {
      0, 1, 4, 5, 10, 11, 14, 15, // patch (0,0): channel 0 rows, then channel 1 rows
      2, 3, 6, 7, 12, 13, 16, 17 // patch (0,1)
    };
    assertArrayEquals(expected, TestPatches.patchify(image, 2, 2, 4, 2));
  }
}
