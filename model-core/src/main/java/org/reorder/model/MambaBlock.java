package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One block of the reference's ARM encoder: {@code x + dropPath(mixer(LN1(x)))}, then {@code x +
 * dropPath(swiglu(LN2(x)))} (without the second half when {@link MambaOptions.Mlp#NONE}).
 * LayerNorm where Mamba uses RMSNorm; the reference's ARM {@code Block} uses LayerNorm too.
 *
 * <p>Input {@code [B, L, width]}; output {@code [B, L, width]}.
 */
public final class MambaBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final double dropPath;
  private final LayerNorm mixerNorm;
  private final MambaMixer mixer;
  private final LayerNorm mlpNorm; // null without MLP
  private final SwiGlu mlp;

  private MambaBlock(Builder builder) {
    super(VERSION);
    dropPath = builder.dropPath;
    mixerNorm = addChildBlock("mixer_norm", LayerNorm.builder().axis(2).build());
    mixer = addChildBlock("mixer", builder.mixer);
    boolean withMlp = builder.mlp == MambaOptions.Mlp.SWIGLU;
    mlpNorm = withMlp ? addChildBlock("mlp_norm", LayerNorm.builder().axis(2).build()) : null;
    mlp = withMlp ? addChildBlock("mlp", SwiGlu.builder().setWidth(builder.width).build()) : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow(); // [B, L, d]
    NDArray m = mixer.forward(ps, mixerNorm.forward(ps, inputs, training), training)
        .singletonOrThrow();
    x = x.add(DropPath.apply(m, dropPath, training));
    if (mlp != null) {
      NDArray f = mlp.forward(ps, mlpNorm.forward(ps, new NDList(x), training), training)
          .singletonOrThrow();
      x = x.add(DropPath.apply(f, dropPath, training));
    }
    return new NDList(x);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    mixerNorm.initialize(manager, dataType, shapes[0]);
    mixer.initialize(manager, dataType, shapes[0]);
    if (mlp != null) {
      mlpNorm.initialize(manager, dataType, shapes[0]);
      mlp.initialize(manager, dataType, shapes[0]);
    }
  }

  /** Builds a {@link MambaBlock}. */
  public static final class Builder {
    private int width;
    private MambaMixer mixer;
    private MambaOptions.Mlp mlp = MambaOptions.Mlp.SWIGLU;
    private double dropPath;

    /** Model width (required). */
    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    /** The block's mixer (required). */
    public Builder setMixer(MambaMixer mixer) {
      this.mixer = mixer;
      return this;
    }

    /** What follows the mixer (default {@link MambaOptions.Mlp#SWIGLU}). */
    public Builder optMlp(MambaOptions.Mlp mlp) {
      this.mlp = mlp;
      return this;
    }

    /** This block's drop-path rate in [0, 1) (default 0). */
    public Builder optDropPath(double rate) {
      this.dropPath = rate;
      return this;
    }

    public MambaBlock build() {
      if (mixer == null || mlp == null) {
        throw new IllegalArgumentException("mamba block needs a mixer and an mlp setting");
      }
      if (!(dropPath >= 0 && dropPath < 1)) {
        throw new IllegalArgumentException("mamba drop-path rate must be in [0, 1), got "
            + dropPath);
      }
      return new MambaBlock(this);
    }
  }
}
