package org.reorder.image;

import java.nio.charset.StandardCharsets;

/**
 * Finds a JPEG's marker segments before its first scan (APPn and the like), by walking the
 * segment lengths from the start-of-image marker. Malformed input reads as "not found", never as a
 * failure: the decoder reports what is wrong with the file.
 */
final class JpegSegments {
  /** APP1, where EXIF lives. */
  static final int APP1 = 0xE1;
  /** APP2, where ICC profiles live. */
  static final int APP2 = 0xE2;

  private JpegSegments() {}

  /**
   * The offset of the payload (after marker and length) of the first {@code marker} segment whose
   * payload starts with {@code identifier}, and the offset one past its end, or null if none.
   */
  static int[] find(byte[] jpeg, int marker, String identifier) {
    byte[] id = identifier.getBytes(StandardCharsets.ISO_8859_1);
    int pos = 2; // after SOI
    while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
      int m = jpeg[pos + 1] & 0xFF;
      if (m == 0xDA || m == 0xD9) {
        return null; // start of scan or end of image: no more header segments
      }
      int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
      if (length < 2) {
        return null;
      }
      int payload = pos + 4;
      if (m == marker && startsWith(jpeg, payload, length - 2, id)) {
        return new int[] {payload, Math.min(jpeg.length, pos + 2 + length)};
      }
      pos += 2 + length;
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int at, int len, byte[] id) {
    if (len < id.length || at + id.length > b.length) {
      return false;
    }
    for (int i = 0; i < id.length; i++) {
      if (b[at + i] != id[i]) {
        return false;
      }
    }
    return true;
  }
}
