package org.reorder.image;

/**
 * Antialiased bilinear resizing (a triangle filter widened by the scale factor when shrinking), the
 * algorithm of PIL's {@code Image.resize(..., BILINEAR)} that torchvision's {@code Resize} uses:
 * separable, horizontal pass then vertical, weights normalised per output pixel.
 */
public final class Resampler {
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
    if (newWidth == image.width() && newHeight == image.height()) {
      return image;
    }
    int ch = image.channels();
    // Horizontal pass into floats [height][newWidth][ch].
    Kernel kx = new Kernel(image.width(), newWidth);
    float[] tmp = new float[image.height() * newWidth * ch];
    byte[] src = image.data();
    for (int y = 0; y < image.height(); y++) {
      int row = y * image.width();
      for (int x = 0; x < newWidth; x++) {
        for (int k = 0; k < ch; k++) {
          double acc = 0;
          for (int i = 0; i < kx.count[x]; i++) {
            acc += kx.weights[x][i] * (src[(row + kx.first[x] + i) * ch + k] & 0xFF);
          }
          tmp[(y * newWidth + x) * ch + k] = (float) acc;
        }
      }
    }
    // Vertical pass into bytes [newHeight][newWidth][ch].
    Kernel ky = new Kernel(image.height(), newHeight);
    byte[] out = new byte[newHeight * newWidth * ch];
    int stride = newWidth * ch;
    for (int y = 0; y < newHeight; y++) {
      for (int j = 0; j < stride; j++) {
        double acc = 0;
        for (int i = 0; i < ky.count[y]; i++) {
          acc += ky.weights[y][i] * tmp[(ky.first[y] + i) * stride + j];
        }
        out[y * stride + j] = (byte) Math.max(0, Math.min(255, Math.round(acc)));
      }
    }
    return new Pixels(newWidth, newHeight, ch, out);
  }

  /** Per output pixel: first source index, tap count and normalised triangle weights. */
  private static final class Kernel {
    final int[] first;
    final int[] count;
    final double[][] weights;

    Kernel(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = filterScale; // the triangle's support is 1, widened when shrinking
      first = new int[outSize];
      count = new int[outSize];
      weights = new double[outSize][];
      for (int o = 0; o < outSize; o++) {
        double center = (o + 0.5) * scale;
        int lo = Math.max(0, (int) (center - support + 0.5));
        int hi = Math.min(inSize, (int) (center + support + 0.5));
        double[] w = new double[hi - lo];
        double sum = 0;
        for (int i = lo; i < hi; i++) {
          double t = Math.abs((i - center + 0.5) / filterScale);
          w[i - lo] = t < 1 ? 1 - t : 0;
          sum += w[i - lo];
        }
        for (int i = 0; i < w.length; i++) {
          w[i] = sum > 0 ? w[i] / sum : 1.0 / w.length;
        }
        first[o] = lo;
        count[o] = w.length;
        weights[o] = w;
      }
    }
  }
}
