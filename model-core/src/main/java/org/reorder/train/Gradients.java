package org.reorder.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;

/**
 * Operations on the gradients of a block's parameters: zeroing (PyTorch accumulates gradients
 * across backward passes and DJL's collector does not reset them) and global-norm clipping.
 */
public final class Gradients {
  private static final NDIndex EVERYTHING = new NDIndex("...");

  private Gradients() {}

  /** Sets every gradient to zero, as {@code optimizer.zero_grad()} before a backward pass. */
  public static void zero(List<Pair<String, Parameter>> parameters) {
    try (NDScope scope = new NDScope()) {
      for (Pair<String, Parameter> p : parameters) {
        NDArray w = p.getValue().getArray();
        if (w.hasGradient()) {
          // Filled, not subtracted from itself: a skipped float16 step leaves inf, and inf - inf
          // is NaN.
          w.getGradient().set(EVERYTHING, 0);
        }
      }
      scope.suppressNotUsedWarning();
    }
  }

  /**
   * Global gradient-norm clipping, as {@code torch.nn.utils.clip_grad_norm_}: the L2 norm over all
   * gradients together; when it exceeds {@code maxNorm} every gradient is scaled by {@code maxNorm
   * / (norm + 1e-6)}. (DJL's {@code optClipGrad} is not this: it clamps each element from above.)
   * The gradients may hold {@code lossScale} times the loss's gradients (mixed precision): they
   * are divided by it in the same pass, and the norm is of the divided gradients. Clips in place
   * and returns the norm before clipping; a non-finite norm (float16 overflow) leaves the
   * gradients as they are.
   *
   * @param maxNorm the largest allowed norm; {@code <= 0} only measures
   * @param lossScale the factor the loss was multiplied by before the backward pass (1 for none)
   */
  public static double clip(List<Pair<String, Parameter>> parameters, double maxNorm,
      double lossScale) {
    double sumSquares;
    try (NDScope scope = new NDScope()) {
      // One read back to Java for all parameters, not one per parameter.
      NDList squares = new NDList();
      for (Pair<String, Parameter> p : parameters) {
        NDArray w = p.getValue().getArray();
        if (w.hasGradient()) {
          squares.add(w.getGradient().toType(DataType.FLOAT64, false).square().sum());
        }
      }
      sumSquares = squares.isEmpty() ? 0 : NDArrays.stack(squares).sum().getDouble();
      scope.suppressNotUsedWarning();
    }
    double norm = Math.sqrt(sumSquares) / lossScale;
    if (!Double.isFinite(norm)) {
      return norm;
    }
    double factor = 1 / lossScale;
    if (maxNorm > 0 && norm > maxNorm) {
      factor *= maxNorm / (norm + 1e-6);
    }
    if (factor != 1) {
      float scale = (float) factor;
      try (NDScope scope = new NDScope()) {
        for (Pair<String, Parameter> p : parameters) {
          NDArray w = p.getValue().getArray();
          if (w.hasGradient()) {
            w.getGradient().muli(scale);
          }
        }
        scope.suppressNotUsedWarning();
      }
    }
    return norm;
  }
}
