package org.reorder.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PatchifierTest {

  /** Independent reference: the value at patch n, feature f computed from its definition. */
  private static byte expected(byte[] img, PatchGrid g, int n, int f) {
    int p = g.patchSize();
    int r = n / g.cols();
    int c = n % g.cols();
    int k = f / (p * p);
    int dy = (f / p) % p;
    int dx = f % p;
    return img[((r * p + dy) * g.width() + c * p + dx) * g.channels() + k];
  }

  @Test
  void matchesDefinitionOnNonSquareRgbAndGray() {
    Random rnd = new Random(7);
    for (int channels : new int[] {1, 3}) {
      PatchGrid g = PatchGrid.of(12, 20, channels, 4);
      assertEquals(3, g.rows());
      assertEquals(5, g.cols());
      byte[] img = new byte[12 * 20 * channels];
      rnd.nextBytes(img);
      byte[] patches = Patchifier.patchify(img, g);
      for (int n = 0; n < g.numPatches(); n++) {
        for (int f = 0; f < g.patchDim(); f++) {
          assertEquals(expected(img, g, n, f), patches[n * g.patchDim() + f], "n=" + n + " f=" + f);
        }
      }
      assertArrayEquals(img, Patchifier.unpatchify(patches, g));
    }
  }

  @Test
  void firstPatchOfA2x2RgbImageIsChannelMajor() {
    // pixel (y,x) = (R,G,B) = (10*y+x, 100+10*y+x, 200+x)
    byte[] img = new byte[2 * 2 * 3];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 2; x++) {
        img[(y * 2 + x) * 3] = (byte) (10 * y + x);
        img[(y * 2 + x) * 3 + 1] = (byte) (100 + 10 * y + x);
        img[(y * 2 + x) * 3 + 2] = (byte) (200 + x);
      }
    }
    byte[] patch = Patchifier.patchify(img, PatchGrid.of(2, 2, 3, 2));
    assertArrayEquals(
        new byte[] {
          0, 1, 10, 11, 100, 101, 110, 111, (byte) 200, (byte) 201, (byte) 200, (byte) 201
        },
        patch);
  }

  @Test
  void rejectsSizesThePatchDoesNotDivide() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PatchGrid.of(224, 224, 3, 15));
    assertTrue(e.getMessage().contains("patch size 15"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Patchifier.patchify(new byte[10], PatchGrid.of(4, 4, 3, 2)));
  }
}
