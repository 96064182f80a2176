package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * One scan direction of a Mamba mixer: causal depthwise convolution, SiLU, the input-dependent
 * projections ({@code dt}, {@code B}, {@code C}) and the selective scan with the {@code D} skip.
 *
 * <p>Input {@code [B, L, E]} (already in this direction's order); output {@code [B, L, E]}:
 * {@code y = scan(u, softplus(W_dt dtLow + dt_bias), -exp(A_log), B, C) + D u} with
 * {@code u = silu(causalConv(x))} and {@code (dtLow, B, C) = W_x u}.
 */
public final class ScanBranch extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int inner;
  private final int stateSize;
  private final int kernel;
  private final int dtRank;
  private final Parameter convWeight;
  private final Parameter convBias;
  private final Linear inputProjection;
  private final Linear dtProjection;
  private final Parameter dtBias;
  private final Parameter aLog;
  private final Parameter skip;

  private ScanBranch(Builder builder) {
    super(VERSION);
    inner = builder.inner;
    stateSize = builder.stateSize;
    kernel = builder.kernel;
    dtRank = builder.dtRank;
    convWeight = addParameter(Parameter.builder().setName("conv_weight")
        .setType(Parameter.Type.OTHER)
        .optInitializer(new UniformInitializer((float) (1 / Math.sqrt(kernel))))
        .optShape(new Shape(kernel, inner)).build());
    // torch.nn.Conv1d's default for a depthwise kernel (fan_in = K), weight and bias.
    convBias = addParameter(Parameter.builder().setName("conv_bias")
        .setType(Parameter.Type.BIAS)
        .optInitializer(new UniformInitializer((float) (1 / Math.sqrt(kernel))))
        .optShape(new Shape(inner)).build());
    // Both projections start from the default U(±1/sqrt(fan_in)) (Backbones), which is Mamba's:
    // torch.nn.Linear's for x_proj, dt_init "random" for dt_proj, so dt starts near
    // softplus(dt_bias). A wider x_proj spreads dt further, which shortens the scan's chunks
    // (SelectiveScan.chunkLength) and slows every step.
    inputProjection = addChildBlock("x_proj",
        Linear.builder().setUnits(dtRank + 2L * stateSize).optBias(false).build());
    dtProjection = addChildBlock("dt_proj", Linear.builder().setUnits(inner).optBias(false)
        .build());
    dtBias = addParameter(Parameter.builder().setName("dt_bias").setType(Parameter.Type.OTHER)
        .optInitializer(ScanBranch::initDtBias).optShape(new Shape(inner)).build());
    aLog = addParameter(Parameter.builder().setName("A_log").setType(Parameter.Type.OTHER)
        .optInitializer(ScanBranch::initALog).optShape(new Shape(inner, stateSize)).build());
    skip = addParameter(Parameter.builder().setName("D").setType(Parameter.Type.OTHER)
        .optInitializer(Initializer.ONES).optShape(new Shape(inner)).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow(); // [B, L, E]
    long batch = x.getShape().get(0);
    long length = x.getShape().get(1);
    NDArray u = Silu.of(causalConv(ps, x, batch, length, training));
    NDList projected = inputProjection.forward(ps, new NDList(u), training).singletonOrThrow()
        .split(new long[] {dtRank, dtRank + stateSize}, 2); // dtLow, B, C
    NDArray dtBiasValue = ParamValue.of(ps, dtBias, x, training);
    NDArray dt = Activation.softPlus(dtProjection.forward(ps, new NDList(projected.get(0)),
        training).singletonOrThrow().add(dtBiasValue)); // [B, L, E]
    NDArray a = ParamValue.of(ps, aLog, x, training).exp().neg(); // [E, N]
    NDArray y = SelectiveScan.scan(u, dt, a, projected.get(1), projected.get(2));
    return new NDList(y.add(u.mul(ParamValue.of(ps, skip, x, training))));
  }

  /** Depthwise causal convolution: {@code out_t = bias + Σ_k w[k] x_{t-K+1+k}} (zero-padded). */
  private NDArray causalConv(ParameterStore ps, NDArray x, long batch, long length,
      boolean training) {
    NDArray w = ParamValue.of(ps, convWeight, x, training); // [K, E]
    NDArray padded = x.getManager().zeros(new Shape(batch, kernel - 1L, inner), x.getDataType())
        .concat(x, 1); // [B, L+K-1, E]
    NDList taps = w.split(kernel, 0); // K x [1, E]
    NDArray out = ParamValue.of(ps, convBias, x, training);
    for (int k = 0; k < kernel; k++) {
      out = out.add(padded.get(new NDIndex(":, {}:{}", k, k + length)).mul(taps.get(k)));
    }
    return out; // [B, L, E]
  }

  /** {@code A = -exp(A_log)} starts at {@code -(1..N)} in every channel (S4D-real). */
  private static NDArray initALog(NDManager manager, Shape shape, DataType type) {
    int channels = Math.toIntExact(shape.get(0));
    int states = Math.toIntExact(shape.get(1));
    float[] values = new float[channels * states];
    for (int e = 0; e < channels; e++) {
      for (int n = 0; n < states; n++) {
        values[e * states + n] = (float) Math.log(n + 1);
      }
    }
    return manager.create(values, shape).toType(type, false);
  }

  /** {@code softplus(dt_bias)} log-uniform in [0.001, 0.1], as in Mamba. */
  private static NDArray initDtBias(NDManager manager, Shape shape, DataType type) {
    double lo = Math.log(1e-3);
    double hi = Math.log(1e-1);
    NDArray dt = manager.randomUniform(0f, 1f, shape).mul(hi - lo).add(lo).exp()
        .maximum(1e-4f); // [E]
    NDArray inverseSoftplus = dt.add(dt.neg().exp().neg().add(1).log()); // dt + log(1 - e^-dt)
    return inverseSoftplus.toType(type, false);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    inputProjection.initialize(manager, dataType, shapes[0]);
    dtProjection.initialize(manager, dataType, new Shape(1, dtRank));
  }

  Linear inputProjection() {
    return inputProjection;
  }

  Linear dtProjection() {
    return dtProjection;
  }

  /** Builds a {@link ScanBranch}. */
  public static final class Builder {
    private int inner;
    private int stateSize;
    private int kernel;
    private int dtRank;

    /** Inner width E (required). */
    public Builder setInner(int inner) {
      this.inner = inner;
      return this;
    }

    /** SSM state size N (required). */
    public Builder setStateSize(int stateSize) {
      this.stateSize = stateSize;
      return this;
    }

    /** Convolution width (required). */
    public Builder setKernel(int kernel) {
      this.kernel = kernel;
      return this;
    }

    /** Rank of the dt projection (required; Mamba uses ceil(width / 16)). */
    public Builder setDtRank(int dtRank) {
      this.dtRank = dtRank;
      return this;
    }

    public ScanBranch build() {
      if (inner < 1 || stateSize < 1 || kernel < 1 || dtRank < 1) {
        throw new IllegalArgumentException("scan branch sizes must be >= 1, got inner " + inner
            + ", state " + stateSize + ", kernel " + kernel + ", dtRank " + dtRank);
      }
      return new ScanBranch(this);
    }
  }
}
