package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Mamba's selective scan as a chunked scan: a loop over chunks, each chunk in closed form.
 *
 * <p>Recurrence per batch row, channel {@code e} and state {@code n}: {@code h_t = exp(dt_t A)
 * h_{t-1} + dt_t x_t B_t}, {@code y_t = Σ_n C_t[n] h_t[n]}. Within a chunk starting from state
 * {@code h_0}, with {@code S_t = (Σ_{s<=t} dt_s) A} (a cumulative sum of log-decays),
 * {@code h_t = exp(S_t) (h_0 + Σ_{s<=t} exp(-S_s) dt_s x_s B_s)}: two prefix sums (the large one
 * as a product with a triangular matrix), element-wise products and a matrix product, no
 * per-token loop. {@code exp(-S_s)} grows along
 * a chunk, so the chunk length is chosen per call so that {@code |S|} stays below
 * {@value #LOG_BUDGET} (no overflow in float32):
 * {@code T = min(}{@value #MAX_CHUNK}{@code , floor(budget / max|dt A|))}.
 */
final class SelectiveScan {
  static final int MAX_CHUNK = 32;
  static final double LOG_BUDGET = 60;

  private SelectiveScan() {}

  /**
   * Runs the scan from a zero state.
   *
   * @param x inputs {@code [B, L, E]}
   * @param dt step sizes {@code [B, L, E]}, non-negative
   * @param a state matrix {@code [E, N]}, non-positive
   * @param b input projections {@code [B, L, N]}
   * @param c output projections {@code [B, L, N]}
   * @return {@code y [B, L, E]}, of {@code x}'s type
   */
  static NDArray scan(NDArray x, NDArray dt, NDArray a, NDArray b, NDArray c) {
    DataType type = x.getDataType();
    if (type == DataType.FLOAT16) {
      // Mixed precision: the scan runs in float32, as Mamba's own kernel does. In float16 the
      // chunk's growth exp(-S) would overflow past |S| = 11 and the cumulative sums lose digits.
      NDArray y = scan(upcast(x), upcast(dt), upcast(a), upcast(b), upcast(c));
      return DifferentiableCast.to(y, type);
    }
    Shape xs = x.getShape();
    int length = Math.toIntExact(xs.get(1));
    double bound = dt.max().toType(DataType.FLOAT64, false).getDouble()
        * a.abs().max().toType(DataType.FLOAT64, false).getDouble();
    int chunk = chunkLength(bound);
    long[] cuts = new long[(length - 1) / chunk];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = (long) (i + 1) * chunk;
    }
    // Split once: slicing per chunk with get() would cost O(L) per slice in the backward pass.
    NDList xChunks = x.split(cuts, 1);
    NDList dtChunks = dt.split(cuts, 1);
    NDList bChunks = b.split(cuts, 1);
    NDList cChunks = c.split(cuts, 1);
    NDArray h = x.getManager().zeros(new Shape(xs.get(0), xs.get(2), a.getShape().get(1)),
        x.getDataType()); // [B, E, N]
    NDArray ones = lowerTriangle(x, Math.min(chunk, length)); // [T, T]
    NDList outputs = new NDList(xChunks.size());
    for (int i = 0; i < xChunks.size(); i++) {
      // Temporaries are closed as soon as they are used: autograd keeps its own reference to
      // what the backward pass needs, so closing frees the rest now, not at the end of the step.
      NDArray dtc = dtChunks.get(i); // [B, T, E]
      // S_t = (Σ_{s<=t} dt_s) A: A is constant along the sequence, so the cumulative sum runs
      // over [B, T, E] and only its product with A is [B, T, E, N].
      NDArray negatedTotal = dtc.cumSum(1).neg().expandDims(3); // [B, T, E, 1]
      NDArray exponent = negatedTotal.mul(a);
      NDArray growth = exponent.exp(); // exp(-S_t) >= 1: [B, T, E, N]
      exponent.close();
      NDArray drive = dtc.mul(xChunks.get(i)).expandDims(3)
          .mul(bChunks.get(i).expandDims(2)); // dt_s x_s B_s: [B, T, E, N]
      NDArray weighted = drive.mul(growth);
      drive.close();
      NDArray summed = prefixSum(weighted, ones);
      weighted.close();
      NDArray withStart = summed.add(h.expandDims(1));
      summed.close();
      // h_t = exp(S_t) (...) as a division by exp(-S_t): the backward pass then needs growth,
      // which it keeps anyway, instead of a second [B, T, E, N] array exp(S_t).
      NDArray states = withStart.div(growth); // h_t: [B, T, E, N]
      withStart.close();
      growth.close();
      // Σ_n C_t[n] h_t[n] as a matrix product: reads the states once, writes [B, T, E].
      outputs.add(states.matMul(cChunks.get(i).expandDims(3)).squeeze(3));
      h = states.get(new NDIndex(":, -1")); // carried into the next chunk: [B, E, N]
      states.close();
    }
    return outputs.size() == 1 ? outputs.get(0) : NDArrays.concat(outputs, 1);
  }

  /**
   * {@code Σ_{s<=t} a_s} along axis 1 of {@code a [B, T, E, N]}, as the product of a
   * lower-triangular matrix of ones with {@code a} viewed as {@code [B, T, E·N]}. Why not
   * {@code cumSum(1)}: a cumulative sum along a strided axis is the scan's slowest operation, and
   * the matrix product (its backward pass too) takes about half its time in libtorch 2.7.
   */
  private static NDArray prefixSum(NDArray a, NDArray ones) {
    Shape shape = a.getShape();
    long t = shape.get(1);
    NDArray triangle = t == ones.getShape().get(0) ? ones : ones.get(new NDIndex(":{}, :{}", t, t));
    return triangle.matMul(a.reshape(shape.get(0), t, -1)).reshape(shape);
  }

  /** The {@code [t, t]} matrix with ones on and below the diagonal, of {@code like}'s type. */
  private static NDArray lowerTriangle(NDArray like, int t) {
    float[] values = new float[t * t];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j <= i; j++) {
        values[i * t + j] = 1;
      }
    }
    return like.getManager().create(values, new Shape(t, t)).toType(like.getDataType(), false);
  }

  private static NDArray upcast(NDArray x) {
    return DifferentiableCast.to(x, DataType.FLOAT32);
  }

  /** The chunk length for a bound on {@code |dt A|} per step. */
  static int chunkLength(double bound) {
    if (!(bound > 0)) {
      return MAX_CHUNK;
    }
    return (int) Math.max(1, Math.min(MAX_CHUNK, Math.floor(LOG_BUDGET / bound)));
  }
}
