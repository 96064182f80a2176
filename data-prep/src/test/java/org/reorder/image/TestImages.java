package org.reorder.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Builds test images in memory with the JDK's own encoders. */
public final class TestImages {
  private TestImages() {}

  /** An RGB image whose quadrants are red, green (top) and blue, white (bottom). */
  public static BufferedImage quadrants(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean top = y < h / 2;
        boolean left = x < w / 2;
        int rgb = top ? (left ? 0xFF0000 : 0x00FF00) : (left ? 0x0000FF : 0xFFFFFF);
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }

  /** JPEG bytes of {@code img} at quality 0.95. */
  public static byte[] jpeg(BufferedImage img) {
    return JpegEncoder.encode(img, 0.95f);
  }

  /** PNG bytes of {@code img}. */
  public static byte[] png(BufferedImage img) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(img, "png", bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code jpeg} with an EXIF APP1 segment (big-endian TIFF, one IFD0 entry) right after SOI. */
  public static byte[] withOrientation(byte[] jpeg, int orientation) {
    byte[] app1 = {
      (byte) 0xFF,
      (byte) 0xE1,
      0,
      34,
      'E',
      'x',
      'i',
      'f',
      0,
      0,
      'M',
      'M',
      0,
      42,
      0,
      0,
      0,
      8, // TIFF header, IFD0 at offset 8
      0,
      1, // one entry
      0x01,
      0x12,
      0,
      3,
      0,
      0,
      0,
      1,
      0,
      (byte) orientation,
      0,
      0, // orientation, SHORT, count 1
      0,
      0,
      0,
      0 // no next IFD
    };
    byte[] out = new byte[jpeg.length + app1.length];
    out[0] = jpeg[0];
    out[1] = jpeg[1];
    System.arraycopy(app1, 0, out, 2, app1.length);
    System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
    return out;
  }
}
