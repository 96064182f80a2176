package org.reorder.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;

/**
 * Operations on the gradients of a block's parameters: zeroing (PyTorch accumulates gradients
 * across backward passes and DJL's collector does not reset them) and global-norm clipping.
 */
public final class Gradients {
  private Gradients() {}

  /** Sets every gradient to zero, as {@code optimizer.zero_grad()} before a backward pass. */
  public static void zero(List<Pair<String, Parameter>> parameters) {
    try (NDScope scope = new NDScope()) {
      for (Pair<String, Parameter> p : parameters) {
        NDArray w = p.getValue().getArray();
        if (w.hasGradient()) {
          NDArray g = w.getGradient();
          g.subi(g);
        }
      }
      scope.suppressNotUsedWarning();
    }
  }

  /**
   * Global gradient-norm clipping, as {@code torch.nn.utils.clip_grad_norm_}: the L2 norm over all
   * gradients together; when it exceeds {@code maxNorm} every gradient is scaled by {@code maxNorm
   * / (norm + 1e-6)}. (DJL's {@code optClipGrad} is not this: it clamps each element from above.)
   * Clips in place and returns the norm before clipping.
   *
   * @param maxNorm the largest allowed norm; {@code <= 0} only measures
   */
  public static double clip(List<Pair<String, Parameter>> parameters, double maxNorm) {
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
    double norm = Math.sqrt(sumSquares);
    if (maxNorm > 0 && norm > maxNorm) {
      float scale = (float) (maxNorm / (norm + 1e-6));
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
