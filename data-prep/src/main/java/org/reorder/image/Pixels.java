package org.reorder.image;

/**
 * A decoded uint8 image, row-major with channels last: {@code data[(y * width + x) * channels +
 * k]}. {@code channels} is 1 (gray) or 3 (RGB).
 */
public record Pixels(int width, int height, int channels, byte[] data) {

  public Pixels {
    if (width < 1 || height < 1 || (channels != 1 && channels != 3)) {
      throw new IllegalArgumentException(
          "bad image shape " + width + "x" + height + "x" + channels);
    }
    if (data.length != width * height * channels) {
      throw new IllegalArgumentException(
          "image "
              + width
              + "x"
              + height
              + "x"
              + channels
              + " needs "
              + width * height * channels
              + " bytes, got "
              + data.length);
    }
  }

  /** The value of channel {@code k} at {@code (x, y)}, 0..255. */
  public int get(int x, int y, int k) {
    return data[(y * width + x) * channels + k] & 0xFF;
  }

  /** The rectangle {@code [x0, x0+w) x [y0, y0+h)}, which must lie inside the image. */
  public Pixels crop(int x0, int y0, int w, int h) {
    if (x0 < 0 || y0 < 0 || w < 1 || h < 1 || x0 + w > width || y0 + h > height) {
      throw new IllegalArgumentException(
          "crop "
              + w
              + "x"
              + h
              + "+"
              + x0
              + "+"
              + y0
              + " outside a "
              + width
              + "x"
              + height
              + " image");
    }
    byte[] out = new byte[w * h * channels];
    for (int y = 0; y < h; y++) {
      System.arraycopy(
          data, ((y0 + y) * width + x0) * channels, out, y * w * channels, w * channels);
    }
    return new Pixels(w, h, channels, out);
  }

  /**
   * The same image with {@code target} channels: gray is replicated to RGB; RGB becomes gray with
   * ITU-R 601-2 luma ({@code (299 R + 587 G + 114 B) / 1000}, as PIL's {@code convert("L")}).
   */
  public Pixels withChannels(int target) {
    if (target == channels) {
      return this;
    }
    int n = width * height;
    byte[] out = new byte[n * target];
    if (target == 3) {
      for (int i = 0; i < n; i++) {
        out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = data[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        int r = data[3 * i] & 0xFF;
        int g = data[3 * i + 1] & 0xFF;
        int b = data[3 * i + 2] & 0xFF;
        out[i] = (byte) ((r * 299 + g * 587 + b * 114 + 500) / 1000);
      }
    }
    return new Pixels(width, height, target, out);
  }
}
