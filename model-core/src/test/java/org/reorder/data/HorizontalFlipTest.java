package org.reorder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.Patchifier;

/** The flip on patch tensors against flipping the pixels, then patchifying. */
class HorizontalFlipTest {

  @ParameterizedTest
  @CsvSource({"2, 3, 4, 3", "3, 5, 2, 1", "1, 1, 3, 3", "4, 2, 1, 2"})
  void flippingThePatchesIsFlippingTheImageThenPatchifying(int rows, int cols, int p, int ch) {
    PatchGrid grid = new PatchGrid(rows, cols, p, ch);
    byte[] image = new byte[grid.height() * grid.width() * ch]; // [H, W, C]
    new Random(rows * 31 + cols).nextBytes(image);
    byte[] mirrored = new byte[image.length]; // the reference: reverse every pixel row
    for (int y = 0; y < grid.height(); y++) {
      for (int x = 0; x < grid.width(); x++) {
        for (int k = 0; k < ch; k++) {
          mirrored[(y * grid.width() + x) * ch + k] =
              image[(y * grid.width() + grid.width() - 1 - x) * ch + k];
        }
      }
    }
    byte[] flipped = new byte[grid.tensorBytes() + 5];
    new HorizontalFlip(grid, 1, 0).copy(Patchifier.patchify(image, grid), flipped, 5, true);
    assertArrayEquals(Patchifier.patchify(mirrored, grid),
        java.util.Arrays.copyOfRange(flipped, 5, flipped.length));
  }

  @Test
  void theDecisionIsAPureFunctionOfSeedEpochAndImageWithTheConfiguredRate() {
    PatchGrid grid = new PatchGrid(2, 2, 2, 1);
    HorizontalFlip half = new HorizontalFlip(grid, 0.5, 42);
    int flipped = 0;
    int changed = 0;
    for (int i = 0; i < 4000; i++) {
      boolean f = half.flips(3, "img" + i);
      assertEquals(f, new HorizontalFlip(grid, 0.5, 42).flips(3, "img" + i));
      flipped += f ? 1 : 0;
      changed += f != half.flips(4, "img" + i) ? 1 : 0;
    }
    assertTrue(Math.abs(flipped - 2000) < 150, "flipped " + flipped); // 5 SD of Binomial(4000, .5)
    assertTrue(Math.abs(changed - 2000) < 150, "epochs agree on " + (4000 - changed));
    HorizontalFlip never = new HorizontalFlip(grid, 0, 42);
    HorizontalFlip always = new HorizontalFlip(grid, 1, 42);
    for (int i = 0; i < 100; i++) {
      assertFalse(never.flips(0, "img" + i));
      assertTrue(always.flips(0, "img" + i));
    }
  }
}
