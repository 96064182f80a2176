package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The transformer MLP: Linear(4d), GELU, [dropout], Linear(d), dropout. {@code [B, L, d]} in and
 * out. The hidden dropout is Transformer-XL's ({@code PositionwiseFF}); HF's Longformer and timm's
 * ViT drop only the output (timm also the hidden, at the same rate, which the reference sets to 0).
 */
public final class FeedForward extends AbstractBlock {
  private static final byte VERSION = 1;

  private final float hiddenDropout;
  private final float dropout;
  private final Linear hidden;
  private final Linear output;

  private FeedForward(Builder builder) {
    super(VERSION);
    hiddenDropout = builder.hiddenDropout;
    dropout = builder.dropout;
    hidden = addChildBlock("hidden", Linear.builder().setUnits(4L * builder.width).build());
    output = addChildBlock("output", Linear.builder().setUnits(builder.width).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray h = Activation.gelu(hidden.forward(ps, inputs, training).singletonOrThrow());
    h = EngineRandom.dropout(h, hiddenDropout, training); // [B, L, 4d]
    NDArray y = output.forward(ps, new NDList(h), training).singletonOrThrow(); // [B, L, d]
    return new NDList(EngineRandom.dropout(y, dropout, training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    hidden.initialize(manager, dataType, shapes[0]);
    output.initialize(manager, dataType, hidden.getOutputShapes(new Shape[] {shapes[0]}));
  }

  /** Builds a {@link FeedForward}. */
  public static final class Builder {
    private int width;
    private float dropout;
    private float hiddenDropout;

    /** Input and output width d (required); the hidden width is 4d. */
    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    /** Dropout on the output (default 0). */
    public Builder optDropout(double dropout) {
      this.dropout = (float) dropout;
      return this;
    }

    /** Dropout after the activation (default 0). */
    public Builder optHiddenDropout(double dropout) {
      this.hiddenDropout = (float) dropout;
      return this;
    }

    public FeedForward build() {
      if (width < 1) {
        throw new IllegalArgumentException("feed-forward width must be >= 1, got " + width);
      }
      return new FeedForward(this);
    }
  }
}
