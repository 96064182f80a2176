package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * SiLU, {@code x * sigmoid(x)}. Not DJL's {@code Activation.swish(x, 1)}: that multiplies
 * {@code x} by the number 1 first, with {@code NDArray.mul(Number)}, which is unsafe under
 * autograd (see {@link Scale}) and an extra pass over {@code x}.
 */
final class Silu {
  private Silu() {}

  static NDArray of(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }
}
