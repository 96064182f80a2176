package org.reorder.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.reorder.image.DecodeException.Reason;

class ImageDecoderTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  /** Asserts the four quadrant centers of {@code p} are red, green, blue, white within tol. */
  static void assertQuadrants(Pixels p, int tol) {
    int[][] expected = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};
    int[][] at = {
      {p.width() / 4, p.height() / 4}, {3 * p.width() / 4, p.height() / 4},
      {p.width() / 4, 3 * p.height() / 4}, {3 * p.width() / 4, 3 * p.height() / 4}
    };
    for (int q = 0; q < 4; q++) {
      for (int k = 0; k < 3; k++) {
        int v = p.get(at[q][0], at[q][1], k);
        assertTrue(
            Math.abs(v - expected[q][k]) <= tol,
            "quadrant " + q + " channel " + k + " is " + v + ", expected " + expected[q][k]);
      }
    }
  }

  @Test
  void decodesRgbJpeg() throws Exception {
    Pixels p = decoder.decode(TestImages.jpeg(TestImages.quadrants(32, 24)));
    assertEquals(32, p.width());
    assertEquals(24, p.height());
    assertEquals(3, p.channels());
    assertQuadrants(p, 12);
  }

  @Test
  void decodesAdobeCmykJpeg() throws Exception {
    byte[] cmyk;
    try (InputStream in = getClass().getResourceAsStream("/images/cmyk-quadrants.jpg")) {
      cmyk = in.readAllBytes();
    }
    Pixels p = decoder.decode(cmyk);
    assertEquals(3, p.channels());
    assertQuadrants(p, 70); // through a generic CMYK profile: colors are close, not exact
  }

  @Test
  void decodesAdobeYcckJpegLikeTheSameImageAsCmyk() throws Exception {
    byte[] ycck = resource("/images/ycck-quadrants.jpg");
    // Guard: the fixture really is YCCK (4 components, APP14 transform 2), not CMYK (0).
    assertEquals(2, adobeTransform(ycck), "APP14 transform of ycck-quadrants.jpg");
    assertEquals(0, adobeTransform(resource("/images/cmyk-quadrants.jpg")));
    Pixels p = decoder.decode(ycck);
    assertEquals(32, p.width());
    assertEquals(32, p.height());
    assertEquals(3, p.channels());
    assertQuadrants(p, 70); // same generic CMYK profile as the CMYK case
    // The same image saved as CMYK decodes to the same pixels, up to JPEG error.
    Pixels cmyk = decoder.decode(resource("/images/cmyk-quadrants.jpg"));
    int maxDiff = 0;
    for (int i = 0; i < p.data().length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((p.data()[i] & 0xFF) - (cmyk.data()[i] & 0xFF)));
    }
    assertTrue(maxDiff <= 12, "YCCK vs CMYK max channel difference " + maxDiff);
  }

  @Test
  void grayscaleJpegGivesOneChannel() throws Exception {
    BufferedImage gray = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster r = gray.getRaster();
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        r.setSample(x, y, 0, x < 8 ? 40 : 200);
      }
    }
    Pixels p = decoder.decode(TestImages.jpeg(gray));
    assertEquals(1, p.channels());
    assertTrue(Math.abs(p.get(2, 2, 0) - 40) <= 3 && Math.abs(p.get(13, 2, 0) - 200) <= 3);
    // Raw samples, not gamma-converted: gray PNG decodes exactly.
    Pixels exact = decoder.decode(TestImages.png(gray));
    assertEquals(40, exact.get(0, 0, 0));
    assertEquals(200, exact.get(15, 15, 0));
  }

  @Test
  void sixteenBitPngIsScaledTo8Bits() throws Exception {
    BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
    img.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 32896, 65535});
    Pixels p = decoder.decode(TestImages.png(img));
    assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255}, p.data());
  }

  @Test
  void pngNamedJpegIsSniffedAndPaletteAndAlphaAreHandled() throws Exception {
    BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    rgba.setRGB(0, 0, 0x80112233);
    rgba.setRGB(1, 0, 0xFF445566);
    byte[] png = TestImages.png(rgba);
    assertEquals(ImageFormat.PNG, ImageFormat.sniff(png));
    assertArrayEquals(new byte[] {0x11, 0x22, 0x33, 0x44, 0x55, 0x66}, decoder.decode(png).data());

    IndexColorModel palette =
        new IndexColorModel(2, 2, new byte[] {10, 20}, new byte[] {30, 40}, new byte[] {50, 60});
    BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
    indexed.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {1, 0});
    assertArrayEquals(
        new byte[] {20, 40, 60, 10, 30, 50}, decoder.decode(TestImages.png(indexed)).data());
  }

  @Test
  void exifOrientationPutsThePixelsUpright() throws Exception {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(32, 16));
    assertEquals(1, ExifOrientation.read(jpeg));
    // Stored rotated 90 counter-clockwise, tagged 6: upright it is the quadrant image again.
    BufferedImage ccw = rotateCcw(TestImages.quadrants(32, 16));
    byte[] tagged = TestImages.withOrientation(TestImages.jpeg(ccw), 6);
    assertEquals(6, ExifOrientation.read(tagged));
    Pixels p = decoder.decode(tagged);
    assertEquals(32, p.width());
    assertEquals(16, p.height());
    assertQuadrants(p, 12);
  }

  @Test
  void orientationTransformsMatchHandComputedResults() {
    // 3x2 image with values 1..6:  1 2 3 / 4 5 6
    Pixels img = new Pixels(3, 2, 1, new byte[] {1, 2, 3, 4, 5, 6});
    assertArrayEquals(new byte[] {3, 2, 1, 6, 5, 4}, ExifOrientation.apply(img, 2).data());
    assertArrayEquals(new byte[] {6, 5, 4, 3, 2, 1}, ExifOrientation.apply(img, 3).data());
    assertArrayEquals(new byte[] {4, 5, 6, 1, 2, 3}, ExifOrientation.apply(img, 4).data());
    assertArrayEquals(new byte[] {1, 4, 2, 5, 3, 6}, ExifOrientation.apply(img, 5).data());
    assertArrayEquals(new byte[] {4, 1, 5, 2, 6, 3}, ExifOrientation.apply(img, 6).data());
    assertArrayEquals(new byte[] {6, 3, 5, 2, 4, 1}, ExifOrientation.apply(img, 7).data());
    assertArrayEquals(new byte[] {3, 6, 2, 5, 1, 4}, ExifOrientation.apply(img, 8).data());
    assertEquals(2, ExifOrientation.apply(img, 6).width());
  }

  @Test
  void badFilesGetTheirQuarantineReason() {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(64, 64));
    assertReason(Reason.EMPTY_FILE, new byte[0]);
    assertReason(Reason.UNKNOWN_FORMAT, "hello, not an image".getBytes());
    assertReason(Reason.TRUNCATED, Arrays.copyOf(jpeg, jpeg.length / 2));
    byte[] garbled = jpeg.clone();
    Arrays.fill(garbled, 3, garbled.length - 2, (byte) 0x5A); // markers gone, SOI and EOI kept
    assertReason(Reason.CORRUPT, garbled);
    byte[] png = TestImages.png(TestImages.quadrants(8, 8));
    assertReason(Reason.TRUNCATED, Arrays.copyOf(png, png.length / 2));
    assertReason(Reason.TRUNCATED, Arrays.copyOf(png, png.length - 12)); // only IEND missing
  }

  @Test
  void decompressionBombIsRejectedFromTheHeader() {
    // A PNG header claiming 100000 x 100000 pixels followed by no data: only the header is read.
    byte[] png = TestImages.png(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY));
    setInt(png, 16, 100_000);
    setInt(png, 20, 100_000);
    assertReason(Reason.DECOMPRESSION_BOMB, png);
    // A JPEG whose frame header says 60000 x 60000.
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(16, 16));
    int sof = indexOfMarker(jpeg, 0xC0);
    jpeg[sof + 5] = (byte) 0xEA; // height 0xEA60 = 60000
    jpeg[sof + 6] = 0x60;
    jpeg[sof + 7] = (byte) 0xEA;
    jpeg[sof + 8] = 0x60;
    DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(jpeg));
    assertEquals(Reason.DECOMPRESSION_BOMB, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains("60000x60000"), e.getMessage());
  }

  @Test
  void pgmRoundTrips() throws Exception {
    Pixels img = new Pixels(3, 2, 1, new byte[] {0, 1, 2, (byte) 253, (byte) 254, (byte) 255});
    assertEquals(img, decoderRoundTrip(img));
  }

  private Pixels decoderRoundTrip(Pixels img) throws DecodeException {
    Pixels back = decoder.decode(Pnm.encode(img));
    assertArrayEquals(img.data(), back.data());
    return new Pixels(back.width(), back.height(), back.channels(), img.data());
  }

  private void assertReason(Reason reason, byte[] bytes) {
    DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(bytes));
    assertEquals(reason, e.reason(), e.getMessage());
  }

  private static BufferedImage rotateCcw(BufferedImage src) {
    BufferedImage out =
        new BufferedImage(src.getHeight(), src.getWidth(), BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        out.setRGB(y, src.getWidth() - 1 - x, src.getRGB(x, y));
      }
    }
    return out;
  }

  private static void setInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private byte[] resource(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  /** The transform byte of the Adobe APP14 segment: 0 CMYK/RGB, 1 YCbCr, 2 YCCK. */
  private static int adobeTransform(byte[] b) {
    int at = indexOfMarker(b, 0xEE);
    // FF EE, 2-byte length, then "Adobe", version (2), flags0 (2), flags1 (2), transform (1).
    assertEquals("Adobe", new String(b, at + 4, 5, java.nio.charset.StandardCharsets.US_ASCII));
    return b[at + 4 + 11] & 0xFF;
  }

  private static int indexOfMarker(byte[] b, int marker) {
    for (int i = 0; i < b.length - 1; i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    throw new AssertionError("no marker " + Integer.toHexString(marker));
  }
}
