package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * A change of number type that autograd sees, for mixed-precision training.
 *
 * <p>Why not {@code NDArray.toType}: DJL's PyTorch engine converts under a no-grad guard, so the
 * converted array has no history and the backward pass would stop there. Copying into a slice of
 * an array of the target type is PyTorch's {@code copy_}, which converts the type and passes the
 * gradient back, converted to the source's type.
 */
public final class DifferentiableCast {
  private DifferentiableCast() {}

  /** {@code x} as {@code type}, connected to {@code x} for autograd; {@code x} if already so. */
  public static NDArray to(NDArray x, DataType type) {
    if (x.getDataType() == type) {
      return x;
    }
    NDArray out = x.getManager().zeros(x.getShape(), type, x.getDevice());
    out.set(new NDIndex("..."), x);
    return out;
  }
}
