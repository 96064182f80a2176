package org.reorder.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The libjpeg-turbo path of {@link ImageDecoder} against the TwelveMonkeys path (the JDK's libjpeg)
 * on the same files, and its reduced-DCT decoding.
 */
class TurboJpegTest {
  private final ImageDecoder turbo = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, true);
  private final ImageDecoder twelveMonkeys =
      new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, false);

  static byte[] resource(String name) throws Exception {
    try (InputStream in = TurboJpegTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void libturbojpegIsLoaded() {
    assertTrue(
        TurboJpeg.available(),
        "libturbojpeg not found: apt-get install libturbojpeg0 (prep then decodes JPEGs with"
            + " TwelveMonkeys alone, about 2.5x slower)");
  }

  @Test
  void decodesBitForBitLikeTwelveMonkeys() throws Exception {
    for (byte[] jpeg :
        new byte[][] {
          resource("/images/photo-like.jpg"),
          resource("/images/photo-like-gray.jpg"),
          TestImages.jpeg(TestImages.quadrants(37, 23)),
          TestImages.withOrientation(resource("/images/photo-like.jpg"), 6)
        }) {
      Pixels a = turbo.decode(jpeg);
      Pixels b = twelveMonkeys.decode(jpeg);
      assertEquals(b.width(), a.width());
      assertEquals(b.height(), a.height());
      assertEquals(b.channels(), a.channels());
      assertArrayEquals(b.data(), a.data());
    }
  }

  @Test
  void scaledDecodingPicksTheSmallestEighthThatKeepsTheShorterSide() throws Exception {
    byte[] jpeg = resource("/images/photo-like.jpg"); // 96x72
    int[][] cases = { // min shorter side -> width, height
      {0, 96, 72}, {37, 96, 72}, {36, 48, 36}, {19, 48, 36}, {18, 24, 18}, {9, 12, 9}, {1, 12, 9}
    };
    for (int[] c : cases) {
      Pixels p = turbo.decode(jpeg, c[0]);
      assertEquals(c[1], p.width(), "width for min side " + c[0]);
      assertEquals(c[2], p.height(), "height for min side " + c[0]);
    }
    // Rotated by EXIF: the same scale, then upright.
    Pixels rotated = turbo.decode(TestImages.withOrientation(jpeg, 6), 36);
    assertEquals(36, rotated.width());
    assertEquals(48, rotated.height());
    // TwelveMonkeys (no reduced DCT) decodes at full size whatever the hint.
    assertEquals(96, twelveMonkeys.decode(jpeg, 36).width());
  }

  @Test
  void halfScaleDecodingIsCloseToFullSizeResized() throws Exception {
    byte[] jpeg = resource("/images/photo-like.jpg");
    Pixels half = turbo.decode(jpeg, 36);
    Pixels resized = Resampler.resize(turbo.decode(jpeg), 48, 36);
    long sum = 0;
    for (int i = 0; i < half.data().length; i++) {
      sum += Math.abs((half.data()[i] & 0xFF) - (resized.data()[i] & 0xFF));
    }
    double mean = (double) sum / half.data().length;
    // Close (a different low-pass filter), not equal: why --dct-scaling is off by default.
    assertTrue(mean > 0 && mean < 4, "mean absolute difference " + mean);
  }
}
