package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication by a constant that is safe inside a graph autograd will differentiate.
 *
 * <p>Why not {@code x.mul(factor)}: DJL 0.35's PyTorch engine wraps the number in an array over
 * a Java direct buffer, multiplies, and closes that array at once, but the product's backward
 * function keeps the array to scale the incoming gradient. Once a garbage collection frees the
 * buffer and the memory is reused, the backward pass multiplies by whatever lies there: training
 * steps with a collection between their forward and backward pass got wrong gradients, at random.
 * The same holds for DJL's other operations with a number ({@code div}, {@code pow}, {@code
 * maximum}, ...) and for {@code Activation.swish}, which multiplies by its beta that way. An
 * array the engine makes itself ({@code full}) is owned by libtorch and lives as long as the graph
 * holds it.
 */
public final class Scale {
  private Scale() {}

  /**
   * {@code x * factor}, of {@code x}'s type: the factor is a 0-dimensional float32 array, which
   * does not promote a float16 {@code x}.
   */
  public static NDArray by(NDArray x, double factor) {
    try (NDArray constant = x.getManager().full(new Shape(), (float) factor, DataType.FLOAT32)) {
      return x.mul(constant);
    }
  }
}
