package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Drop-path (stochastic depth, timm's {@code drop_path}): in training, each image's residual
 * branch is dropped with probability {@code rate} and kept ones are scaled by {@code 1/(1-rate)},
 * so the expectation is unchanged; outside training it is the identity.
 *
 * <p>The mask is drawn through {@link EngineRandom} (as dropout is), from the calling thread's own
 * stream that the trainer restarts every step from {@code (seed, step)}: a resumed or distributed
 * run draws the same masks, whatever other tasks of the JVM draw.
 */
public final class DropPath {
  private DropPath() {}

  /** {@code branch [B, ...]} with whole images dropped at {@code rate} when {@code training}. */
  public static NDArray apply(NDArray branch, double rate, boolean training) {
    if (!training || rate == 0) {
      return branch;
    }
    Shape shape = branch.getShape();
    long[] maskShape = new long[shape.dimension()];
    java.util.Arrays.fill(maskShape, 1);
    maskShape[0] = shape.get(0); // one draw per image: [B, 1, ..., 1]
    NDArray mask;
    try (NDArray uniform = EngineRandom.draw(() -> branch.getManager().randomUniform(0f, 1f,
        new Shape(maskShape), DataType.FLOAT32, branch.getDevice()))) {
      // The threshold is a number outside autograd: the mask needs no gradient.
      mask = uniform.gte((float) rate).toType(branch.getDataType(), false);
    }
    // Scale.by, not mul(Number): see Scale.
    return Scale.by(branch.mul(mask), 1 / (1 - rate));
  }
}
