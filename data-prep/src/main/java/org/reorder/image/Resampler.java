package org.reorder.image;

import java.util.Arrays;

/**
 * Antialiased bilinear resizing, bit-exact with PIL's {@code Image.resize(..., BILINEAR)} (Pillow
 * 9.4, {@code libImaging/Resample.c}), which torchvision's {@code Resize} uses: a triangle filter
 * widened by the scale factor when shrinking, weights normalised per output pixel and rounded to
 * 22-bit fixed point; a horizontal pass into 8-bit rows, then a vertical pass. A pass whose size
 * does not change is skipped, as in PIL (its weights would be the identity).
 *
 * <p>{@link #resizeAndCrop} computes only the pixels of a window of the resized image (the center
 * crop): each output pixel depends only on its own weights, so the window equals resizing
 * everything and cropping after, at a fraction of the work.
 */
public final class Resampler {
  /** PIL's {@code PRECISION_BITS} for 8-bit images: 32 - 8 - 2. */
  private static final int PRECISION_BITS = 22;

  private static final int HALF = 1 << (PRECISION_BITS - 1);

  private Resampler() {}

  /**
   * The size that resizes the shorter side of {@code width x height} to {@code shorter}, keeping
   * the aspect ratio with the long side truncated, as torchvision's {@code Resize(int)}.
   *
   * @return {@code {newWidth, newHeight}}
   */
  public static int[] shorterSideSize(int width, int height, int shorter) {
    if (width <= height) {
      return new int[] {shorter, Math.max(1, (int) ((long) shorter * height / width))};
    }
    return new int[] {Math.max(1, (int) ((long) shorter * width / height)), shorter};
  }

  /** {@code image} resized to {@code newWidth x newHeight}. */
  public static Pixels resize(Pixels image, int newWidth, int newHeight) {
    return resizeAndCrop(image, newWidth, newHeight, 0, 0, newWidth, newHeight);
  }

  /**
   * The window {@code [left, left + w) x [top, top + h)} of {@code image} resized to {@code
   * newWidth x newHeight}; the window must lie inside the resized image.
   */
  public static Pixels resizeAndCrop(
      Pixels image, int newWidth, int newHeight, int left, int top, int w, int h) {
    if (left < 0 || top < 0 || w < 1 || h < 1 || left + w > newWidth || top + h > newHeight) {
      throw new IllegalArgumentException(
          "window " + w + "x" + h + "+" + left + "+" + top + " outside " + newWidth + "x"
              + newHeight);
    }
    Pixels rows = image;
    int firstRow = 0;
    Kernel ky = newHeight == image.height() ? null : new Kernel(image.height(), newHeight);
    if (newWidth != image.width()) {
      // Only the source rows the window's vertical weights read.
      firstRow = ky == null ? top : ky.first[top];
      int endRow = ky == null ? top + h : ky.first[top + h - 1] + ky.count[top + h - 1];
      rows = horizontal(image, new Kernel(image.width(), newWidth), left, w, firstRow, endRow);
    } else {
      rows = image.crop(left, 0, w, image.height());
    }
    if (ky == null) {
      return rows.height() == h ? rows : rows.crop(0, top - firstRow, w, h);
    }
    return vertical(rows, ky, firstRow, top, h);
  }

  /** Output columns {@code [left, left + w)} of source rows {@code [firstRow, endRow)}. */
  private static Pixels horizontal(
      Pixels image, Kernel kx, int left, int w, int firstRow, int endRow) {
    int ch = image.channels();
    int inStride = image.width() * ch;
    byte[] src = image.data();
    byte[] out = new byte[(endRow - firstRow) * w * ch];
    int o = 0;
    for (int y = firstRow; y < endRow; y++) {
      int row = y * inStride;
      for (int x = left; x < left + w; x++) {
        int n = kx.count[x];
        int k = x * kx.size;
        int p = row + kx.first[x] * ch;
        if (ch == 3) {
          int s0 = HALF;
          int s1 = HALF;
          int s2 = HALF;
          for (int i = 0; i < n; i++, p += 3) {
            int c = kx.coeffs[k + i];
            s0 += (src[p] & 0xFF) * c;
            s1 += (src[p + 1] & 0xFF) * c;
            s2 += (src[p + 2] & 0xFF) * c;
          }
          out[o++] = clip8(s0);
          out[o++] = clip8(s1);
          out[o++] = clip8(s2);
        } else {
          int s = HALF;
          for (int i = 0; i < n; i++, p++) {
            s += (src[p] & 0xFF) * kx.coeffs[k + i];
          }
          out[o++] = clip8(s);
        }
      }
    }
    return new Pixels(w, endRow - firstRow, ch, out);
  }

  /** Output rows {@code [top, top + h)} from {@code rows}, whose first row is source firstRow. */
  private static Pixels vertical(Pixels rows, Kernel ky, int firstRow, int top, int h) {
    int stride = rows.width() * rows.channels();
    byte[] src = rows.data();
    byte[] out = new byte[h * stride];
    int[] acc = new int[stride];
    for (int y = 0; y < h; y++) {
      Arrays.fill(acc, HALF);
      int k = (top + y) * ky.size;
      int from = (ky.first[top + y] - firstRow) * stride;
      // Tap-major so that the inner loop runs along a row (contiguous, vectorisable).
      for (int i = 0; i < ky.count[top + y]; i++, from += stride) {
        int c = ky.coeffs[k + i];
        for (int j = 0; j < stride; j++) {
          acc[j] += (src[from + j] & 0xFF) * c;
        }
      }
      int o = y * stride;
      for (int j = 0; j < stride; j++) {
        out[o + j] = clip8(acc[j]);
      }
    }
    return new Pixels(rows.width(), h, rows.channels(), out);
  }

  private static byte clip8(int v) {
    if (v >= 1 << PRECISION_BITS << 8) {
      return (byte) 255;
    }
    if (v <= 0) {
      return 0;
    }
    return (byte) (v >> PRECISION_BITS);
  }

  /**
   * PIL's {@code precompute_coeffs} with the bilinear filter and {@code normalize_coeffs_8bpc}: per
   * output pixel the first source index, the tap count and {@code size} fixed-point weights.
   */
  private static final class Kernel {
    final int size;
    final int[] first;
    final int[] count;
    final int[] coeffs;

    Kernel(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = filterScale; // the triangle's support is 1, widened when shrinking
      size = (int) Math.ceil(support) * 2 + 1;
      first = new int[outSize];
      count = new int[outSize];
      coeffs = new int[outSize * size];
      double[] w = new double[size];
      for (int o = 0; o < outSize; o++) {
        double center = (o + 0.5) * scale;
        double ss = 1.0 / filterScale;
        int lo = Math.max(0, (int) (center - support + 0.5));
        int n = Math.min(inSize, (int) (center + support + 0.5)) - lo;
        double sum = 0;
        for (int i = 0; i < n; i++) {
          double t = Math.abs((i + lo - center + 0.5) * ss);
          w[i] = t < 1 ? 1 - t : 0;
          sum += w[i];
        }
        for (int i = 0; i < n; i++) {
          double v = sum != 0 ? w[i] / sum : w[i];
          coeffs[o * size + i] =
              (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
        }
        first[o] = lo;
        count[o] = n;
      }
    }
  }
}
