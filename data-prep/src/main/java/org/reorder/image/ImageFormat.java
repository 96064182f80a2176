package org.reorder.image;

/**
 * Image formats told apart by their magic bytes, never by the file extension (ImageNet has a PNG
 * named .JPEG).
 */
public enum ImageFormat {
  JPEG,
  PNG,
  /** Binary PGM (P5) or PPM (P6); Fashion-MNIST images travel as PGM. */
  PNM,
  UNKNOWN;

  /** The format of {@code bytes} from its first bytes. */
  public static ImageFormat sniff(byte[] bytes) {
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xFF
        && (bytes[1] & 0xFF) == 0xD8
        && (bytes[2] & 0xFF) == 0xFF) {
      return JPEG;
    }
    if (bytes.length >= 8
        && (bytes[0] & 0xFF) == 0x89
        && bytes[1] == 'P'
        && bytes[2] == 'N'
        && bytes[3] == 'G'
        && bytes[4] == '\r'
        && bytes[5] == '\n'
        && bytes[6] == 0x1A
        && bytes[7] == '\n') {
      return PNG;
    }
    if (bytes.length >= 3
        && bytes[0] == 'P'
        && (bytes[1] == '5' || bytes[1] == '6')
        && Character.isWhitespace(bytes[2])) {
      return PNM;
    }
    return UNKNOWN;
  }
}
