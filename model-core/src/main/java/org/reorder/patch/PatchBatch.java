package org.reorder.patch;

import java.util.Arrays;

/**
 * A batch of images as patch tensors, the unit that readers produce and trainers consume.
 *
 * <p>{@code patches} holds {@code size * numPatches * patchDim} uint8 values (Java bytes, read
 * unsigned) laid out as {@code [size, numPatches, patchDim]}, patches in row-major grid order and
 * each patch channel-major {@code (c, dy, dx)}. {@code labels[i]} and {@code imageIds[i]} belong to
 * image {@code i}.
 */
public record PatchBatch(
    byte[] patches, int size, int numPatches, int patchDim, int[] labels, String[] imageIds) {

  public PatchBatch {
    if (size < 1 || numPatches < 1 || patchDim < 1) {
      throw new IllegalArgumentException(
          "batch dimensions must be positive: size=" + size + ", numPatches=" + numPatches
              + ", patchDim=" + patchDim);
    }
    if (patches.length != (long) size * numPatches * patchDim) {
      throw new IllegalArgumentException(
          "patches has " + patches.length + " bytes, expected size*numPatches*patchDim = "
              + (long) size * numPatches * patchDim);
    }
    if (labels.length != size || imageIds.length != size) {
      throw new IllegalArgumentException(
          "batch of " + size + " images has " + labels.length + " labels and "
              + imageIds.length + " image ids");
    }
  }

  /** Bytes of one image's patch tensor. */
  public int imageBytes() {
    return numPatches * patchDim;
  }

  /** A copy of image {@code i}'s patch tensor {@code [numPatches, patchDim]}. */
  public byte[] image(int i) {
    return Arrays.copyOfRange(patches, i * imageBytes(), (i + 1) * imageBytes());
  }
}
