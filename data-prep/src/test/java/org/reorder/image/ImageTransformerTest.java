package org.reorder.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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

  private static void assertPil(int[] expected, Pixels actual) {
    int[] got = new int[actual.data().length];
    for (int i = 0; i < got.length; i++) {
      got[i] = actual.data()[i] & 0xFF;
    }
    assertArrayEquals(expected, got, "PIL's bytes");
  }

  /** A 13x9 RGB image of hash-like bytes: {@code ((i * 2654435761) >> 7) & 255}. */
  private static Pixels hashImage() {
    byte[] b = new byte[13 * 9 * 3];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) ((i * 2654435761L) >> 7);
    }
    return new Pixels(13, 9, 3, b);
  }

  @Test
  void resizeIsBitExactWithPilBilinear() {
    // Expected values from Pillow 9.4 (Debian python3-pil) Image.resize(..., BILINEAR) on the same
    // inputs; PIL rounds its weights to fixed point and its intermediate rows to 8 bits.
    Pixels src = row(0, 10, 200, 30, 255, 40, 90, 120, 7, 77);
    assertPil(new int[] {72, 120, 65}, Resampler.resize(src, 3, 1));
    assertPil(
        new int[] {0, 4, 10, 116, 175, 75, 103, 235, 148, 44, 74, 98, 116, 70, 9, 50, 77},
        Resampler.resize(src, 17, 1));
    byte[] grid = new byte[30];
    for (int i = 0; i < 30; i++) {
      grid[i] = (byte) (i * 8);
    }
    assertPil(
        new int[] {24, 35, 47, 58, 99, 110, 122, 133, 174, 185, 197, 208},
        Resampler.resize(new Pixels(6, 5, 1, grid), 4, 3));
    // RGB, both passes shrinking; then shrinking in x while stretching in y.
    assertPil(
        new int[] {
          135, 171, 191, 143, 132, 120, 88, 101, 88, 177, 181, 168, 115, 102, 89, 86, 114, 151, 166,
          166, 158, 93, 85, 81, 150, 139, 161, 155, 142, 129, 75, 80, 94, 149, 169, 176, 131, 118,
          106, 103, 90, 118, 183, 170, 169, 102, 93, 80, 102, 136, 123, 163, 158, 146, 89, 76, 83,
          175, 163, 176
        },
        Resampler.resize(hashImage(), 5, 4));
    Pixels tall = Resampler.resize(hashImage(), 6, 13);
    assertPil(
        new int[] {
          126, 213, 200, 153, 140, 128, 75, 62, 49, 180, 167, 154, 160, 147, 135, 87, 75, 62
        },
        tall.crop(0, 0, 6, 1));
    assertPil(
        new int[] {146, 133, 121, 86, 74, 61, 200, 187, 174},
        tall.crop(3, 12, 3, 1));
  }

  @Test
  void resizedWindowEqualsResizingThenCropping() {
    Pixels src = hashImage();
    for (int[] size : new int[][] {{5, 4}, {6, 13}, {13, 5}, {7, 9}, {20, 20}}) {
      Pixels whole = Resampler.resize(src, size[0], size[1]);
      int[][] windows = {{0, 0, size[0], size[1]}, {1, 1, 3, 2}, {size[0] - 2, 0, 2, 3}};
      for (int[] win : windows) {
        Pixels window =
            Resampler.resizeAndCrop(src, size[0], size[1], win[0], win[1], win[2], win[3]);
        assertEquals(win[2], window.width());
        assertEquals(win[3], window.height());
        assertArrayEquals(
            whole.crop(win[0], win[1], win[2], win[3]).data(),
            window.data(),
            "window " + Arrays.toString(win) + " of " + Arrays.toString(size));
      }
    }
  }

  @Test
  void decodeResizeAndCropOfAPhotoLikeJpegEqualPillowBitForBit() throws Exception {
    // photo-like-pil-64-48.rgb: bench/pil_transform.py's transform (Pillow 9.4 decode, resize the
    // shorter side to 64 with BILINEAR, center crop 48) of photo-like.jpg (96x72, made by
    // bench/photo_like.py; images/README.md).
    byte[] jpeg = TurboJpegTest.resource("/images/photo-like.jpg");
    byte[] pil = TurboJpegTest.resource("/images/photo-like-pil-64-48.rgb");
    ImageTransformer t = new ImageTransformer(new TransformSettings(64, 48, 16, 3, "whole", 0));
    for (boolean turbo : new boolean[] {true, false}) {
      Pixels decoded = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, turbo).decode(jpeg);
      assertArrayEquals(pil, t.transform(decoded, null).data(), "turbo " + turbo);
    }
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
