package org.reorder.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records the calling thread's operations for autograd and runs their backward pass. DJL's own
 * collector allows one per JVM (a static flag: "only one can be collecting at a time"), which
 * would keep two training tasks of one executor from training at once; libtorch needs no such
 * rule, since grad mode is thread-local and backward passes over separate graphs may run
 * concurrently. This is that collector without the flag.
 */
final class ThreadGradients implements AutoCloseable {
  private final boolean gradModeBefore;

  /** Turns grad mode on for the calling thread until {@link #close}. */
  ThreadGradients() {
    gradModeBefore = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
  }

  /** Accumulates the gradient of the scalar {@code target} into the parameters' gradients. */
  void backward(NDArray target) {
    try (NDArray seed = target.getManager().ones(target.getShape(), target.getDataType())
        .toDevice(target.getDevice(), false)) {
      JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
    }
  }

  @Override
  public void close() {
    JniUtils.setGradMode(gradModeBefore);
  }
}
