package org.reorder.model;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;

/** Reads a block's parameters as plain {@code double[]} for the brute-force references. */
final class ParamValues {
  private ParamValues() {}

  /** The row-major values of {@code block}'s direct parameter {@code name}. */
  static double[] of(Block block, String name) {
    return block.getDirectParameters().get(name).getArray().toType(DataType.FLOAT64, false)
        .toDoubleArray();
  }

  /** {@code y = W x + b} for a DJL Linear weight {@code [out, in]} (bias may be null). */
  static double[] linear(double[] weight, double[] bias, double[] x, int out) {
    int in = x.length;
    double[] y = new double[out];
    for (int o = 0; o < out; o++) {
      double s = bias == null ? 0 : bias[o];
      for (int i = 0; i < in; i++) {
        s += weight[o * in + i] * x[i];
      }
      y[o] = s;
    }
    return y;
  }

  /** Row {@code r} of a row-major {@code [rows, cols]} array. */
  static double[] row(double[] data, int r, int cols) {
    double[] out = new double[cols];
    System.arraycopy(data, r * cols, out, 0, cols);
    return out;
  }
}
