package org.reorder.patch;

/**
 * Cuts an interleaved uint8 image {@code [height, width, channels]} (row-major, channels last, as
 * decoders produce it) into the patch tensor {@code [numPatches, channels * p * p]}: patches in
 * row-major block order (patch {@code r * cols + c} covers rows {@code r*p..r*p+p-1} and columns
 * {@code c*p..c*p+p-1}), each flattened channel-major {@code (c, dy, dx)}, as the reference code's
 * patch embedding expects. {@link #unpatchify} is the exact inverse.
 */
public final class Patchifier {
  private Patchifier() {}

  /**
   * The patch tensor of {@code pixels}.
   *
   * @param pixels {@code height * width * grid.channels()} bytes, channels last
   * @param grid the grid, whose {@link PatchGrid#height()} and {@link PatchGrid#width()} are the
   *     image size
   */
  public static byte[] patchify(byte[] pixels, PatchGrid grid) {
    requireLength(pixels, grid);
    int p = grid.patchSize();
    int ch = grid.channels();
    int width = grid.width();
    byte[] out = new byte[grid.tensorBytes()];
    int o = 0;
    for (int r = 0; r < grid.rows(); r++) {
      for (int c = 0; c < grid.cols(); c++) {
        for (int k = 0; k < ch; k++) {
          for (int dy = 0; dy < p; dy++) {
            int src = ((r * p + dy) * width + c * p) * ch + k;
            for (int dx = 0; dx < p; dx++, src += ch) {
              out[o++] = pixels[src];
            }
          }
        }
      }
    }
    return out;
  }

  /** The image {@code [height, width, channels]} whose patch tensor is {@code patches}. */
  public static byte[] unpatchify(byte[] patches, PatchGrid grid) {
    if (patches.length != grid.tensorBytes()) {
      throw new IllegalArgumentException(
          "patch tensor has "
              + patches.length
              + " bytes, grid "
              + grid
              + " needs "
              + grid.tensorBytes());
    }
    int p = grid.patchSize();
    int ch = grid.channels();
    int width = grid.width();
    byte[] out = new byte[grid.tensorBytes()];
    int o = 0;
    for (int r = 0; r < grid.rows(); r++) {
      for (int c = 0; c < grid.cols(); c++) {
        for (int k = 0; k < ch; k++) {
          for (int dy = 0; dy < p; dy++) {
            int dst = ((r * p + dy) * width + c * p) * ch + k;
            for (int dx = 0; dx < p; dx++, dst += ch) {
              out[dst] = patches[o++];
            }
          }
        }
      }
    }
    return out;
  }

  private static void requireLength(byte[] pixels, PatchGrid grid) {
    if (pixels.length != grid.tensorBytes()) {
      throw new IllegalArgumentException(
          "image has "
              + pixels.length
              + " bytes, a "
              + grid.height()
              + "x"
              + grid.width()
              + "x"
              + grid.channels()
              + " image needs "
              + grid.tensorBytes());
    }
  }
}
