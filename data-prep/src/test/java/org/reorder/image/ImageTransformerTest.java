package org.reorder.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reorder.image.DecodeException.Reason;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.Patchifier;
import org.reorder.patch.TransformSettings;

class ImageTransformerTest {

  private static Pixels row(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return new Pixels(v.length, 1, 1, b);
  }

  private static void assertClose(int[] expected, Pixels actual) {
    for (int i = 0; i < expected.length; i++) {
      int v = actual.data()[i] & 0xFF;
      assertTrue(
          Math.abs(v - expected[i]) <= 1, "value " + i + " is " + v + ", PIL says " + expected[i]);
    }
  }

  @Test
  void resizeMatchesPilBilinearWithin1() {
    // Expected values from PIL 9.4 Image.resize(..., BILINEAR) on the same inputs.
    Pixels src = row(0, 10, 200, 30, 255, 40, 90, 120, 7, 77);
    assertClose(new int[] {72, 120, 65}, Resampler.resize(src, 3, 1));
    assertClose(
        new int[] {0, 4, 10, 116, 175, 75, 103, 235, 148, 44, 74, 98, 116, 70, 9, 50, 77},
        Resampler.resize(src, 17, 1));
    byte[] grid = new byte[30];
    for (int i = 0; i < 30; i++) {
      grid[i] = (byte) (i * 8);
    }
    assertClose(
        new int[] {24, 35, 47, 58, 99, 110, 122, 133, 174, 185, 197, 208},
        Resampler.resize(new Pixels(6, 5, 1, grid), 4, 3));
  }

  @Test
  void shorterSideResizeKeepsAspectLikeTorchvision() {
    assertArrayEquals(new int[] {256, 341}, Resampler.shorterSideSize(375, 500, 256));
    assertArrayEquals(new int[] {384, 256}, Resampler.shorterSideSize(500, 333, 256));
  }

  @Test
  void centerCropThenPatchify() throws DecodeException {
    // 6x4 gray image, value = 10*y + x; no resize, crop 4 (offset rint(1.0)=1 in x, 0 in y).
    byte[] b = new byte[24];
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        b[y * 6 + x] = (byte) (10 * y + x);
      }
    }
    ImageTransformer t = new ImageTransformer(new TransformSettings(0, 4, 2, 1, "whole", 0));
    Pixels cropped = t.transform(new Pixels(6, 4, 1, b), null);
    assertEquals(1, cropped.get(0, 0, 0));
    assertEquals(34, cropped.get(3, 3, 0));
    assertArrayEquals(
        Patchifier.patchify(cropped.data(), PatchGrid.of(4, 4, 1, 2)),
        t.patches(new Pixels(6, 4, 1, b), null));
  }

  @Test
  void imageSmallerThanTheCropIsTooSmall() {
    ImageTransformer t = new ImageTransformer(new TransformSettings(0, 32, 8, 3, "whole", 0));
    DecodeException e =
        assertThrows(
            DecodeException.class, () -> t.patches(new Pixels(40, 20, 3, new byte[2400]), null));
    assertEquals(Reason.TOO_SMALL, e.reason());
  }

  @Test
  void boundingBoxWithContextIsClippedToTheImage() throws DecodeException {
    byte[] b = new byte[10 * 10];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) i; // value = 10*y + x
    }
    Pixels img = new Pixels(10, 10, 1, b);
    // Box 4x4 at (1,2), context 0.5 grows 2 px each side: x 0..7 (clipped at 0), y 0..8.
    ImageTransformer t = new ImageTransformer(new TransformSettings(0, 4, 2, 1, "bbox", 0.5));
    Pixels out = t.transform(img, new int[] {1, 2, 4, 4});
    // Region 7x8 at (0,0); center crop 4: left rint(1.5)=2, top rint(2.0)=2.
    assertEquals(22, out.get(0, 0, 0));
    DecodeException e =
        assertThrows(DecodeException.class, () -> t.transform(img, new int[] {50, 50, 4, 4}));
    assertEquals(Reason.MALFORMED_METADATA, e.reason());
  }
}
