package org.reorder.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * The patch embedding shared by all backbones (as in the reference): LayerNorm(patchDim) then
 * Linear(width) then LayerNorm(width).
 *
 * <p>The projection's bias starts as {@code torch.nn.Linear}'s does, {@code U(±1/sqrt(patchDim))},
 * not at zero: a patch of one colour (the background of Fashion-MNIST, a letterbox border) leaves
 * the first LayerNorm at its bias, so with zero biases every such patch embeds to the zero vector,
 * whose zero variance makes the second LayerNorm scale its gradient by {@code 1/sqrt(eps)} ≈ 316:
 * gradient norms of thousands in the first steps. A random bias gives that vector a variance far
 * above {@code eps}.
 *
 * <p>Input {@code [B, N, patchDim]}; output {@code [B, N, width]}.
 */
public final class PatchEmbedding extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final LayerNorm inputNorm;
  private final Linear projection;
  private final LayerNorm outputNorm;

  private PatchEmbedding(Builder builder) {
    super(VERSION);
    width = builder.width;
    inputNorm = addChildBlock("input_norm", LayerNorm.builder().axis(2).build());
    projection = addChildBlock("projection", Linear.builder().setUnits(width).build());
    outputNorm = addChildBlock("output_norm", LayerNorm.builder().axis(2).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = inputNorm.forward(ps, inputs, training);
    x = projection.forward(ps, x, training); // [B, N, width]
    return outputNorm.forward(ps, x, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {in.slice(0, in.dimension() - 1).add(width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    inputNorm.initialize(manager, dataType, shapes[0]);
    long patchDim = shapes[0].get(shapes[0].dimension() - 1);
    projection.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(patchDim))),
        Parameter.Type.BIAS);
    projection.initialize(manager, dataType, shapes[0]);
    outputNorm.initialize(manager, dataType, getOutputShapes(shapes));
  }

  /** Builds a {@link PatchEmbedding}. */
  public static final class Builder {
    private int width;

    /** The output width d (required). */
    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    public PatchEmbedding build() {
      if (width < 1) {
        throw new IllegalArgumentException("patch embedding width must be >= 1, got " + width);
      }
      return new PatchEmbedding(this);
    }
  }
}
