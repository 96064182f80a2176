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
 * Multi-head self-attention with an optional additive bias (masking).
 *
 * <p>Input {@code NDList(x [B, L, d])} or {@code NDList(x, bias [L, L])} where {@code bias} is
 * added to the scaled scores (0 = allowed, a large negative number = masked); output
 * {@code [B, L, d]}.
 */
public final class MultiHeadAttention extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final int heads;
  private final float dropout;
  private final Linear qkv;
  private final Linear output;

  private MultiHeadAttention(Builder builder) {
    super(VERSION);
    width = builder.width;
    heads = builder.heads;
    dropout = builder.dropout;
    qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).build());
    output = addChildBlock("output", Linear.builder().setUnits(width).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    long batch = x.getShape().get(0);
    long len = x.getShape().get(1);
    int headDim = width / heads;
    NDArray qkvAll = qkv.forward(ps, new NDList(x), training).singletonOrThrow(); // [B, L, 3d]
    NDArray split = qkvAll.reshape(batch, len, 3, heads, headDim) // [B, L, 3, h, dh]
        .transpose(2, 0, 3, 1, 4); // [3, B, h, L, dh]
    NDList qkvList = split.split(3, 0);
    NDArray q = qkvList.get(0).squeeze(0); // [B, h, L, dh]
    NDArray k = qkvList.get(1).squeeze(0);
    NDArray v = qkvList.get(2).squeeze(0);
    // Temporaries are closed once used: autograd keeps what the backward pass needs, the rest
    // is freed now rather than at the end of the step.
    NDArray raw = q.matMul(k.transpose(0, 1, 3, 2)); // [B, h, L, L]
    NDArray scores = Scale.by(raw, 1.0 / Math.sqrt(headDim));
    raw.close();
    if (inputs.size() > 1) {
      NDArray biased = scores.add(inputs.get(1)); // bias [L, L] broadcasts over B and h
      scores.close();
      scores = biased;
    }
    NDArray attention = scores.softmax(-1);
    scores.close();
    if (dropout > 0) {
      attention = EngineRandom.dropout(attention, dropout, training);
    }
    NDArray mixed = attention.matMul(v) // [B, h, L, dh]
        .transpose(0, 2, 1, 3) // [B, L, h, dh]
        .reshape(batch, len, width); // [B, L, d]
    return output.forward(ps, new NDList(mixed), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    qkv.initialize(manager, dataType, shapes[0]);
    output.initialize(manager, dataType, shapes[0]);
  }

  Linear qkvProjection() {
    return qkv;
  }

  Linear outputProjection() {
    return output;
  }

  /** Builds a {@link MultiHeadAttention}. */
  public static final class Builder {
    private int width;
    private int heads;
    private float dropout;

    /** Model width d (required). */
    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    /** Number of heads (required, divides the width). */
    public Builder setHeads(int heads) {
      this.heads = heads;
      return this;
    }

    /** Dropout on the attention weights (default 0). */
    public Builder optDropout(double dropout) {
      this.dropout = (float) dropout;
      return this;
    }

    public MultiHeadAttention build() {
      if (width < 1 || heads < 1 || width % heads != 0) {
        throw new IllegalArgumentException(
            "attention needs heads >= 1 dividing width >= 1, got width " + width + ", heads "
                + heads);
      }
      return new MultiHeadAttention(this);
    }
  }
}
