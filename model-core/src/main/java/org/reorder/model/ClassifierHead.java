package org.reorder.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** LayerNorm then Linear: readout features {@code [B, width]} to logits {@code [B, classes]}. */
public final class ClassifierHead extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int numClasses;
  private final LayerNorm norm;
  private final Linear linear;

  private ClassifierHead(Builder builder) {
    super(VERSION);
    numClasses = builder.numClasses;
    norm = addChildBlock("norm", LayerNorm.builder().axis(1).build());
    linear = addChildBlock("linear", Linear.builder().setUnits(numClasses).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return linear.forward(ps, norm.forward(ps, inputs, training), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    norm.initialize(manager, dataType, shapes[0]);
    linear.initialize(manager, dataType, shapes[0]);
  }

  /** Builds a {@link ClassifierHead}. */
  public static final class Builder {
    private int numClasses;

    /** Number of classes (required, >= 2). */
    public Builder setNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    public ClassifierHead build() {
      if (numClasses < 2) {
        throw new IllegalArgumentException("classifier numClasses must be >= 2, got " + numClasses);
      }
      return new ClassifierHead(this);
    }
  }
}
