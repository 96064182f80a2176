package org.reorder.image;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 of IFD0 in the APP1 "Exif" segment) and the transform
 * that puts the pixels upright, as PIL's {@code ImageOps.exif_transpose} does.
 *
 * <p>Parsed by hand (a few dozen bytes of TIFF header) so decoding needs no metadata library;
 * anything malformed reads as orientation 1 (no change), never as a failure.
 */
public final class ExifOrientation {
  private ExifOrientation() {}

  /** The orientation 1..8 of {@code jpeg}, 1 when absent or unreadable. */
  public static int read(byte[] jpeg) {
    int[] exif = JpegSegments.find(jpeg, JpegSegments.APP1, "Exif\0\0");
    return exif == null ? 1 : orientationFromTiff(jpeg, exif[0] + 6, exif[1]);
  }

  private static int orientationFromTiff(byte[] b, int tiff, int end) {
    end = Math.min(end, b.length);
    if (tiff + 8 > end) {
      return 1;
    }
    boolean little;
    if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
      little = true;
    } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
      little = false;
    } else {
      return 1;
    }
    long ifd = tiff + u32(b, tiff + 4, little);
    if (ifd + 2 > end) {
      return 1;
    }
    int entries = u16(b, (int) ifd, little);
    for (int i = 0; i < entries; i++) {
      int e = (int) ifd + 2 + 12 * i;
      if (e + 12 > end) {
        return 1;
      }
      if (u16(b, e, little) == 0x0112) {
        int value = u16(b, e + 8, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int x = b[at] & 0xFF;
    int y = b[at + 1] & 0xFF;
    return little ? x | (y << 8) : (x << 8) | y;
  }

  private static long u32(byte[] b, int at, boolean little) {
    long hi = u16(b, little ? at + 2 : at, little);
    long lo = u16(b, little ? at : at + 2, little);
    return (hi << 16) | lo;
  }

  /** {@code image} put upright for EXIF {@code orientation} (1 returns it unchanged). */
  public static Pixels apply(Pixels image, int orientation) {
    if (orientation == 1) {
      return image;
    }
    int w = image.width();
    int h = image.height();
    int ch = image.channels();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    byte[] out = new byte[image.data().length];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> {
            sx = w - 1 - x;
            sy = y;
          } // mirror horizontally
          case 3 -> {
            sx = w - 1 - x;
            sy = h - 1 - y;
          } // rotate 180
          case 4 -> {
            sx = x;
            sy = h - 1 - y;
          } // mirror vertically
          case 5 -> {
            sx = y;
            sy = x;
          } // transpose
          case 6 -> {
            sx = y;
            sy = h - 1 - x;
          } // rotate 90 clockwise
          case 7 -> {
            sx = w - 1 - y;
            sy = h - 1 - x;
          } // transverse
          case 8 -> {
            sx = w - 1 - y;
            sy = x;
          } // rotate 90 counter-clockwise
          default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
        }
        System.arraycopy(image.data(), (sy * w + sx) * ch, out, (y * ow + x) * ch, ch);
      }
    }
    return new Pixels(ow, oh, ch, out);
  }
}
