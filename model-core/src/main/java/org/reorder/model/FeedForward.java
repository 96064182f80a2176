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

/** The transformer MLP: Linear(4d), GELU, Linear(d), dropout. {@code [B, L, d]} in and out. */
public final class FeedForward extends AbstractBlock {
  private static final byte VERSION = 1;

  private final float dropout;
  private final Linear hidden;
  private final Linear output;

  private FeedForward(int width, float dropout) {
    super(VERSION);
    this.dropout = dropout;
    hidden = addChildBlock("hidden", Linear.builder().setUnits(4L * width).build());
    output = addChildBlock("output", Linear.builder().setUnits(width).build());
  }

  /** A feed-forward block of width {@code width} with hidden width 4*width. */
  public static FeedForward of(int width, double dropout) {
    if (width < 1) {
      throw new IllegalArgumentException("feed-forward width must be >= 1, got " + width);
    }
    return new FeedForward(width, (float) dropout);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray h = Activation.gelu(hidden.forward(ps, inputs, training).singletonOrThrow());
    NDArray y = output.forward(ps, new NDList(h), training).singletonOrThrow();
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
}
