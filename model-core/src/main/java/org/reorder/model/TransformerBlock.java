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
 * A pre-LN transformer block: {@code x + attn(LN(x))}, then {@code x + mlp(LN(x))}.
 *
 * <p>Input {@code NDList(x [B, L, d])} or {@code NDList(x, bias [L, L])} (additive attention
 * mask); output {@code [B, L, d]}.
 */
public final class TransformerBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final float dropout;
  private final LayerNorm attentionNorm;
  private final MultiHeadAttention attention;
  private final LayerNorm mlpNorm;
  private final FeedForward mlp;

  private TransformerBlock(Builder builder) {
    super(VERSION);
    dropout = builder.dropout;
    attentionNorm = addChildBlock("attention_norm", LayerNorm.builder().axis(2).build());
    attention = addChildBlock("attention",
        MultiHeadAttention.builder().setWidth(builder.width).setHeads(builder.heads)
            .optDropout(builder.dropout).build());
    mlpNorm = addChildBlock("mlp_norm", LayerNorm.builder().axis(2).build());
    mlp = addChildBlock("mlp", FeedForward.builder().setWidth(builder.width)
        .optDropout(builder.dropout).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDList attentionIn = new NDList(attentionNorm.forward(ps, new NDList(x), training).get(0));
    if (inputs.size() > 1) {
      attentionIn.add(inputs.get(1));
    }
    NDArray a = attention.forward(ps, attentionIn, training).singletonOrThrow();
    if (dropout > 0) {
      a = EngineRandom.dropout(a, dropout, training);
    }
    x = x.add(a);
    NDList m = mlp.forward(ps, mlpNorm.forward(ps, new NDList(x), training), training);
    return new NDList(x.add(m.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    attentionNorm.initialize(manager, dataType, shapes[0]);
    attention.initialize(manager, dataType, shapes);
    mlpNorm.initialize(manager, dataType, shapes[0]);
    mlp.initialize(manager, dataType, shapes[0]);
  }

  MultiHeadAttention attention() {
    return attention;
  }

  /** Builds a {@link TransformerBlock}. */
  public static final class Builder {
    private int width;
    private int heads;
    private float dropout;

    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    public Builder setHeads(int heads) {
      this.heads = heads;
      return this;
    }

    public Builder optDropout(double dropout) {
      this.dropout = (float) dropout;
      return this;
    }

    public TransformerBlock build() {
      if (width < 1 || heads < 1 || width % heads != 0) {
        throw new IllegalArgumentException(
            "transformer block needs heads >= 1 dividing width >= 1, got width " + width
                + ", heads " + heads);
      }
      return new TransformerBlock(this);
    }
  }
}
