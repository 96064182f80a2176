package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * One pre-LN Transformer-XL layer: relative multi-head attention (Dai et al. 2019) then an MLP.
 *
 * <p>Score of query {@code i} and key {@code j} at relative distance {@code δ}: {@code (q_i +
 * r_w)·k_j + (q_i + r_r)·W_r R_δ}, scaled by {@code 1/sqrt(dh)}, plus an additive mask; {@code R}
 * is the relative table (learned or sinusoidal, given by the encoder), {@code r_w}, {@code r_r}
 * learned per head. Dropout as the reference's {@code RelPartialLearnableMultiHeadAttn} and
 * {@code PositionwiseFF}: on the attention output and on the MLP's hidden and output, none on the
 * attention weights ({@code dropatt} 0).
 *
 * <p>Input {@code NDList(query [B, S, d], context [B, K, d], bias [S, K], distance int64 [S, K],
 * positions [K, d])}: the context holds the memory followed by the query states; {@code
 * distance} indexes rows of {@code positions} (the table for distances {@code 0..K-1}). Output
 * {@code [B, S, d]}.
 */
public final class RelativeAttentionLayer extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final int heads;
  private final float dropout;
  private final LayerNorm attentionNorm;
  private final Linear query;
  private final Linear keyValue;
  private final Linear relative;
  private final Linear output;
  private final Parameter contentBias;
  private final Parameter positionBias;
  private final LayerNorm mlpNorm;
  private final FeedForward mlp;

  private RelativeAttentionLayer(Builder builder) {
    super(VERSION);
    width = builder.width;
    heads = builder.heads;
    dropout = builder.dropout;
    int headDim = width / heads;
    attentionNorm = addChildBlock("attention_norm", LayerNorm.builder().axis(2).build());
    query = addChildBlock("query", Linear.builder().setUnits(width).build());
    keyValue = addChildBlock("key_value", Linear.builder().setUnits(2L * width).build());
    relative = addChildBlock("relative", Linear.builder().setUnits(width).optBias(false).build());
    output = addChildBlock("output", Linear.builder().setUnits(width).build());
    contentBias = addParameter(Parameter.builder().setName("r_w_bias")
        .setType(Parameter.Type.OTHER).optInitializer(new NormalInitializer(0.02f))
        .optShape(new Shape(heads, headDim)).build());
    positionBias = addParameter(Parameter.builder().setName("r_r_bias")
        .setType(Parameter.Type.OTHER).optInitializer(new NormalInitializer(0.02f))
        .optShape(new Shape(heads, headDim)).build());
    mlpNorm = addChildBlock("mlp_norm", LayerNorm.builder().axis(2).build());
    mlp = addChildBlock("mlp", FeedForward.builder().setWidth(width).optDropout(builder.dropout)
        .optHiddenDropout(builder.dropout).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray context = inputs.get(1);
    NDArray bias = inputs.get(2);
    NDArray distance = inputs.get(3);
    NDArray positions = inputs.get(4);
    long batch = x.getShape().get(0);
    long s = x.getShape().get(1);
    long k = context.getShape().get(1);
    int headDim = width / heads;

    NDArray nq = attentionNorm.forward(ps, new NDList(x), training).singletonOrThrow();
    NDArray nc = attentionNorm.forward(ps, new NDList(context), training).singletonOrThrow();
    NDArray q = query.forward(ps, new NDList(nq), training).singletonOrThrow()
        .reshape(batch, s, heads, headDim).transpose(0, 2, 1, 3); // [B, h, S, dh]
    NDList kv = keyValue.forward(ps, new NDList(nc), training).singletonOrThrow()
        .reshape(batch, k, 2, heads, headDim).transpose(2, 0, 3, 1, 4) // [2, B, h, K, dh]
        .split(2, 0);
    NDArray keys = kv.get(0).squeeze(0); // [B, h, K, dh]
    NDArray values = kv.get(1).squeeze(0);
    NDArray r = relative.forward(ps, new NDList(positions), training).singletonOrThrow()
        .reshape(k, heads, headDim).transpose(1, 2, 0); // [h, dh, K], column = distance
    NDArray rw = ParamValue.of(ps, contentBias, x, training).reshape(1, heads, 1, headDim);
    NDArray rr = ParamValue.of(ps, positionBias, x, training).reshape(1, heads, 1, headDim);

    // Temporaries are closed once used: autograd keeps what the backward pass needs, the rest
    // is freed now rather than at the end of the step (half the peak memory, fewer page faults).
    NDArray qContent = q.add(rw);
    NDArray content = qContent.matMul(keys.transpose(0, 1, 3, 2)); // [B, h, S, K]
    qContent.close();
    NDArray qPosition = q.add(rr);
    NDArray byDistance = qPosition.matMul(r); // [B, h, S, K]: column m = distance m
    qPosition.close();
    NDArray position = byDistance.gather(distance.broadcast(batch, heads, s, k), 3); // [B,h,S,K]
    byDistance.close();
    NDArray sum = content.add(position);
    content.close();
    position.close();
    NDArray scaled = Scale.by(sum, 1.0 / Math.sqrt(headDim));
    sum.close();
    NDArray scores = scaled.add(bias);
    scaled.close();
    NDArray attention = scores.softmax(-1);
    scores.close();
    NDArray mixed = attention.matMul(values) // [B, h, S, dh]
        .transpose(0, 2, 1, 3).reshape(batch, s, width); // [B, S, d]
    NDArray a = output.forward(ps, new NDList(mixed), training).singletonOrThrow();
    if (dropout > 0) {
      a = EngineRandom.dropout(a, dropout, training);
    }
    NDArray h = x.add(a);
    NDList m = mlp.forward(ps, mlpNorm.forward(ps, new NDList(h), training), training);
    return new NDList(h.add(m.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape tokens = shapes[0];
    attentionNorm.initialize(manager, dataType, tokens);
    query.initialize(manager, dataType, tokens);
    keyValue.initialize(manager, dataType, tokens);
    relative.initialize(manager, dataType, new Shape(1, width));
    output.initialize(manager, dataType, tokens);
    mlpNorm.initialize(manager, dataType, tokens);
    mlp.initialize(manager, dataType, tokens);
  }

  /** Builds a {@link RelativeAttentionLayer}. */
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

    public RelativeAttentionLayer build() {
      if (width < 1 || heads < 1 || width % heads != 0) {
        throw new IllegalArgumentException(
            "relative attention needs heads >= 1 dividing width >= 1, got width " + width
                + ", heads " + heads);
      }
      return new RelativeAttentionLayer(this);
    }
  }
}
