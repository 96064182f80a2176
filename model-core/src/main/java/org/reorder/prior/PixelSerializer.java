package org.reorder.prior;

import org.reorder.order.Permutation;

/**
 * The {@code pixels} serialization of the prior: one image's raw uint8 patch bytes in scan order.
 *
 * <p>Input layout: {@code patches} is the patch tensor {@code [N, C*p*p]} of one image, patches
 * in row-major grid order (patch at grid row r, column c is row {@code r*W + c}) and each patch
 * channel-major {@code (c, dy, dx)}, as produced by the data preparation and held in {@link
 * org.reorder.patch.PatchBatch}. Output: the same {@code N * C*p*p} bytes with patch {@code
 * order.patchAt(k)} at position {@code k}; nothing is added between patches.
 */
public final class PixelSerializer {
  private PixelSerializer() {}

  /**
   * The bytes of {@code patches} in the scan order {@code order}.
   *
   * @param patchBytes bytes per patch, {@code C*p*p}
   * @throws IllegalArgumentException if {@code patches} is not {@code order.size()} patches of
   *     {@code patchBytes} bytes
   */
  public static byte[] serialize(byte[] patches, int patchBytes, Permutation order) {
    return order.applyRows(patches, patchBytes);
  }
}
