package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The SwiGLU MLP of the reference's ARM block: {@code w3(silu(w1 x) * w2 x)}, all three Linear
 * layers with bias, hidden width {@code 8 * width / 3} (integer division; 2048 at width 768).
 *
 * <p>Input {@code [B, L, width]}; output {@code [B, L, width]}.
 */
public final class SwiGlu extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final Linear gate;
  private final Linear up;
  private final Linear down;

  private SwiGlu(Builder builder) {
    super(VERSION);
    width = builder.width;
    long hidden = hiddenWidth(width);
    gate = addChildBlock("w1", Linear.builder().setUnits(hidden).build());
    up = addChildBlock("w2", Linear.builder().setUnits(hidden).build());
    down = addChildBlock("w3", Linear.builder().setUnits(width).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The hidden width for {@code width}: {@code width * 4 * 2 / 3} as the reference. */
  public static long hiddenWidth(int width) {
    return width * 8L / 3;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray g = gate.forward(ps, inputs, training).singletonOrThrow(); // [B, L, h]
    NDArray u = up.forward(ps, inputs, training).singletonOrThrow(); // [B, L, h]
    return down.forward(ps, new NDList(Silu.of(g).mul(u)), training); // [B, L, width]
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    gate.initialize(manager, dataType, shapes[0]);
    up.initialize(manager, dataType, shapes[0]);
    down.initialize(manager, dataType, gate.getOutputShapes(new Shape[] {shapes[0]}));
  }

  /** Builds a {@link SwiGlu}. */
  public static final class Builder {
    private int width;

    /** Input and output width (required). */
    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    public SwiGlu build() {
      if (width < 2) {
        throw new IllegalArgumentException("swiglu width must be >= 2, got " + width);
      }
      return new SwiGlu(this);
    }
  }
}
