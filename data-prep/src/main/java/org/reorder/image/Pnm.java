package org.reorder.image;

import java.nio.charset.StandardCharsets;

/**
 * Binary PGM (P5) and PPM (P6): a text header {@code P5 width height maxval} and raw samples (one
 * byte each, or two big-endian bytes when maxval > 255). Fashion-MNIST's raw 28x28 images are
 * carried as PGM so that every source row holds a self-describing image file.
 */
public final class Pnm {
  private Pnm() {}

  /** A PGM (channels 1) or PPM (channels 3) file of 8-bit {@code image}. */
  public static byte[] encode(Pixels image) {
    byte[] header =
        ((image.channels() == 1 ? "P5" : "P6")
                + "\n"
                + image.width()
                + " "
                + image.height()
                + "\n255\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[header.length + image.data().length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(image.data(), 0, out, header.length, image.data().length);
    return out;
  }

  /** Width, height, maxval and the data offset of a PNM header. */
  record Header(int channels, int width, int height, int maxval, int dataOffset) {}

  static Header header(byte[] b) throws DecodeException {
    int[] pos = {2};
    int width = number(b, pos);
    int height = number(b, pos);
    int maxval = number(b, pos);
    if (width < 1 || height < 1 || maxval < 1 || maxval > 65535) {
      throw new DecodeException(
          DecodeException.Reason.CORRUPT,
          "bad PNM header: " + width + "x" + height + " maxval " + maxval);
    }
    return new Header(b[1] == '5' ? 1 : 3, width, height, maxval, pos[0] + 1);
  }

  static Pixels decode(byte[] b, Header h) throws DecodeException {
    int bytesPerSample = h.maxval() > 255 ? 2 : 1;
    long samples = (long) h.width() * h.height() * h.channels();
    if (h.dataOffset() + samples * bytesPerSample > b.length) {
      throw new DecodeException(
          DecodeException.Reason.TRUNCATED,
          "PNM data has "
              + (b.length - h.dataOffset())
              + " bytes, needs "
              + samples * bytesPerSample);
    }
    byte[] out = new byte[(int) samples];
    for (int i = 0; i < out.length; i++) {
      int at = h.dataOffset() + i * bytesPerSample;
      int v = bytesPerSample == 1 ? b[at] & 0xFF : ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
      out[i] = (byte) ((v * 255L + h.maxval() / 2) / h.maxval());
    }
    return new Pixels(h.width(), h.height(), h.channels(), out);
  }

  /** Reads a decimal number after whitespace and comments; leaves pos on the byte after it. */
  private static int number(byte[] b, int[] pos) throws DecodeException {
    int i = pos[0];
    while (i < b.length && (Character.isWhitespace(b[i]) || b[i] == '#')) {
      if (b[i] == '#') {
        while (i < b.length && b[i] != '\n') {
          i++;
        }
      } else {
        i++;
      }
    }
    long v = 0;
    int start = i;
    while (i < b.length && b[i] >= '0' && b[i] <= '9' && v <= Integer.MAX_VALUE) {
      v = v * 10 + (b[i++] - '0');
    }
    if (i == start || i >= b.length || v > Integer.MAX_VALUE) {
      throw new DecodeException(DecodeException.Reason.CORRUPT, "bad PNM header");
    }
    pos[0] = i;
    return (int) v;
  }
}
