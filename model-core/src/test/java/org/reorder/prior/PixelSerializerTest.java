package org.reorder.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.reorder.order.Permutation;
import org.reorder.order.ScanOrder;

class PixelSerializerTest {
  private static final int SIZE = 64;
  private static final int CHANNELS = 3;
  private static final int PATCH = 8;
  private static final int GRID = SIZE / PATCH;
  private static final int PATCH_BYTES = CHANNELS * PATCH * PATCH;

  @Test
  void writesPatchesInSlotOrderBackToBack() {
    byte[] patches = {0, 1, 10, 11, 20, 21, 30, 31}; // 4 patches of 2 bytes
    byte[] out = PixelSerializer.serialize(patches, 2, Permutation.of(2, 0, 3, 1));
    assertArrayEquals(new byte[] {20, 21, 0, 1, 30, 31, 10, 11}, out);
  }

  @Test
  void rejectsATensorOfTheWrongSize() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PixelSerializer.serialize(new byte[7], 2, Permutation.identity(4)));
    assertTrue(e.getMessage().contains("rows of 2 bytes"), e.getMessage());
  }

  /**
   * Horizontal stripes (height 5, so patch rows differ) compress better scanned along the stripes
   * (row order) than across them (column order), and vertical stripes the other way round. Each
   * stripe has its own random colour and every pixel ±2 noise, as in a photographed texture.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void stripesCompressBestWhenScannedAlongThem(long seed) {
    byte[] horizontal = stripes(seed, false);
    byte[] vertical = stripes(seed, true);
    LzmaScorer scorer = new LzmaScorer(LzmaSettings.defaults());
    Permutation row = ScanOrder.ROW.permutation(GRID, GRID, 0);
    Permutation column = ScanOrder.COLUMN.permutation(GRID, GRID, 0);

    int hRow = size(scorer, horizontal, row);
    int hCol = size(scorer, horizontal, column);
    int vRow = size(scorer, vertical, row);
    int vCol = size(scorer, vertical, column);
    assertTrue(hRow < hCol, "horizontal stripes: row " + hRow + " vs column " + hCol);
    assertTrue(vCol < vRow, "vertical stripes: column " + vCol + " vs row " + vRow);
  }

  private static int size(LzmaScorer scorer, byte[] patches, Permutation order) {
    return scorer.score(PixelSerializer.serialize(patches, PATCH_BYTES, order)).compressedBytes();
  }

  private static byte[] stripes(long seed, boolean vertical) {
    Random rng = new Random(seed);
    int stripeHeight = 5;
    int[][] colour = new int[CHANNELS][SIZE / stripeHeight + 1];
    for (int[] c : colour) {
      for (int i = 0; i < c.length; i++) {
        c[i] = 2 + rng.nextInt(252);
      }
    }
    byte[] image = new byte[CHANNELS * SIZE * SIZE];
    for (int ch = 0; ch < CHANNELS; ch++) {
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          int across = vertical ? x : y;
          image[(ch * SIZE + y) * SIZE + x] =
              (byte) (colour[ch][across / stripeHeight] + rng.nextInt(5) - 2);
        }
      }
    }
    return TestPatches.patchify(image, CHANNELS, SIZE, SIZE, PATCH);
  }
}
