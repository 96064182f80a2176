package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The ViT and Longformer encoders: CLS first, then the ordered patches, through pre-LN blocks;
 * reads out the CLS slot.
 *
 * <p>ViT: full attention (order-invariant: with the position table following the patch, a
 * permutation of the patches permutes the tokens and full attention is permutation-equivariant).
 * Longformer ({@link Builder#optLocalWindow(int)}): a sliding window of {@code window/2} slots on
 * each side plus global attention on CLS, see {@link LongformerMask}.
 *
 * <p>Input {@code NDList(tokens [B, N, d], cls [1, 1, d])}; output {@code [B, d]}.
 */
public final class TransformerEncoder extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final int halfWindow; // 0 = full attention
  private final List<TransformerBlock> blocks = new ArrayList<>();

  private TransformerEncoder(Builder builder) {
    super(VERSION);
    width = builder.width;
    halfWindow = builder.window / 2;
    for (int i = 0; i < builder.depth; i++) {
      blocks.add(addChildBlock("block_" + i, TransformerBlock.builder().setWidth(width)
          .setHeads(builder.heads).optDropout(builder.dropout).build()));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.get(0);
    long batch = tokens.getShape().get(0);
    NDArray cls = inputs.get(1).broadcast(batch, 1, width); // [B, 1, d]
    NDArray x = cls.concat(tokens, 1); // [B, N+1, d], CLS at slot 0
    NDArray bias = localBias(x);
    for (TransformerBlock block : blocks) {
      NDList in = bias == null ? new NDList(x) : new NDList(x, bias);
      x = block.forward(ps, in, training).singletonOrThrow();
    }
    return new NDList(x.get(new NDIndex(":, 0"))); // [B, d]
  }

  /** The Longformer mask for this sequence, or null for full attention. */
  NDArray localBias(NDArray x) {
    if (halfWindow == 0) {
      return null;
    }
    int length = Math.toIntExact(x.getShape().get(1));
    return x.getManager()
        .create(LongformerMask.bias(length, halfWindow), new Shape(length, length))
        .toType(x.getDataType(), false);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape seq = new Shape(shapes[0].get(0), shapes[0].get(1) + 1, width);
    for (TransformerBlock block : blocks) {
      block.initialize(manager, dataType, seq);
    }
  }

  List<TransformerBlock> blocks() {
    return blocks;
  }

  /** Builds a {@link TransformerEncoder}. */
  public static final class Builder {
    private int width;
    private int depth;
    private int heads;
    private double dropout;
    private int window;

    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    public Builder setDepth(int depth) {
      this.depth = depth;
      return this;
    }

    public Builder setHeads(int heads) {
      this.heads = heads;
      return this;
    }

    public Builder optDropout(double dropout) {
      this.dropout = dropout;
      return this;
    }

    /** Longformer: attend to {@code window/2} slots on each side (even, >= 2); unset = ViT. */
    public Builder optLocalWindow(int window) {
      this.window = window;
      return this;
    }

    public TransformerEncoder build() {
      if (depth < 1) {
        throw new IllegalArgumentException("encoder depth must be >= 1, got " + depth);
      }
      if (window < 0 || window % 2 != 0) {
        throw new IllegalArgumentException("local window must be even and >= 2, got " + window);
      }
      return new TransformerEncoder(this);
    }
  }
}
