package org.reorder.patch;

/**
 * The shape of one image's patch tensor: a {@code rows x cols} grid of non-overlapping {@code
 * patchSize x patchSize} patches over {@code channels} channels. The tensor is {@code [numPatches,
 * patchDim]} with {@code numPatches = rows * cols} and {@code patchDim = channels * patchSize²}.
 */
public record PatchGrid(int rows, int cols, int patchSize, int channels)
    implements java.io.Serializable {

  public PatchGrid {
    if (rows < 1 || cols < 1 || patchSize < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "patch grid dimensions must be positive: rows="
              + rows
              + ", cols="
              + cols
              + ", patchSize="
              + patchSize
              + ", channels="
              + channels);
    }
  }

  /**
   * The grid of an image of {@code height x width} pixels.
   *
   * @throws IllegalArgumentException if {@code patchSize} does not divide both sides
   */
  public static PatchGrid of(int height, int width, int channels, int patchSize) {
    if (patchSize < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image " + height + "x" + width + " and patch size " + patchSize + " must be positive");
    }
    if (height % patchSize != 0 || width % patchSize != 0) {
      throw new IllegalArgumentException(
          "patch size " + patchSize + " does not divide the image size " + height + "x" + width);
    }
    return new PatchGrid(height / patchSize, width / patchSize, patchSize, channels);
  }

  /** Number of patches {@code rows * cols}. */
  public int numPatches() {
    return rows * cols;
  }

  /** Values per patch {@code channels * patchSize * patchSize}. */
  public int patchDim() {
    return channels * patchSize * patchSize;
  }

  /** Image height in pixels. */
  public int height() {
    return rows * patchSize;
  }

  /** Image width in pixels. */
  public int width() {
    return cols * patchSize;
  }

  /** Bytes of one image's patch tensor. */
  public int tensorBytes() {
    return numPatches() * patchDim();
  }
}
