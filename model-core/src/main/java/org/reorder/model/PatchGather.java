package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Puts patch tokens into sequence order: {@code out[b, k] = x[b, order[b or 0, k]]}. */
final class PatchGather {

  private PatchGather() {}

  /**
   * Gathers the slots.
   *
   * @param x tokens {@code [B, N, d]} in patch (row-major grid) order
   * @param order int64 {@code [1, N]} (one order for the batch) or {@code [B, N]} (per image);
   *     {@code order[b, k]} is the patch at slot {@code k}
   * @return {@code [B, N, d]} in slot order
   */
  static NDArray gather(NDArray x, NDArray order) {
    Shape xs = x.getShape();
    Shape os = order.getShape();
    if (os.dimension() != 2
        || os.get(1) != xs.get(1)
        || (os.get(0) != 1 && os.get(0) != xs.get(0))) {
      throw new IllegalArgumentException(
          "order must have shape [1, " + xs.get(1) + "] or [" + xs.get(0) + ", " + xs.get(1)
              + "], got " + os);
    }
    if (order.getDataType() != DataType.INT64) {
      throw new IllegalArgumentException("order must be int64, got " + order.getDataType());
    }
    if (os.get(0) == 1) {
      // One order for the whole batch: an index along axis 1.
      return x.get(new NDIndex(":, {}", order.squeeze(0)));
    }
    // Per-image orders: gather along axis 1 with the index broadcast over the width.
    NDArray index = order.expandDims(2).broadcast(xs); // [B, N, d]
    return x.gather(index, 1);
  }
}
