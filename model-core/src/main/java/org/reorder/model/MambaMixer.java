package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.reorder.order.Permutation;

/**
 * The Mamba mixer: {@code out_proj(silu(z) * combine_dir unpermute(branch_dir(permute(x))))} with
 * {@code (x, z) = in_proj(input)}, {@code combine} the mean (the reference's ARM) or the sum (Vim)
 * of the directions. Input and output projections are shared; each scan direction ({@link
 * ScanDirections}) has its own {@link ScanBranch} (conv, projections, A, D), as in the
 * bidirectional Vim/ARM mixers.
 *
 * <p>{@code out_proj} starts from {@code U(±gain/sqrt(inner))}; the encoder passes {@code gain =
 * 1/sqrt(depth)}, Mamba's rescaling of residual-output weights (GPT-2's scheme) that the
 * reference's ARM applies.
 *
 * <p>Input {@code [B, L, d]}; output {@code [B, L, d]}.
 */
public final class MambaMixer extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final int inner;
  private final boolean mean;
  private final List<int[]> scans;
  private final Linear inputProjection;
  private final List<ScanBranch> branches = new ArrayList<>();
  private final Linear outputProjection;

  private MambaMixer(Builder builder) {
    super(VERSION);
    width = builder.width;
    MambaOptions o = builder.options;
    inner = o.expand() * width;
    mean = o.combine() == MambaOptions.Combine.MEAN;
    scans = builder.scans;
    inputProjection = addChildBlock("in_proj",
        Linear.builder().setUnits(2L * inner).optBias(false).build());
    for (int i = 0; i < scans.size(); i++) {
      branches.add(addChildBlock(ScanDirections.name(i), ScanBranch.builder().setInner(inner)
          .setStateSize(o.stateSize()).setKernel(o.convKernel())
          .setDtRank((width + 15) / 16).build()));
    }
    outputProjection = addChildBlock("out_proj",
        Linear.builder().setUnits(width).optBias(false).build());
    outputProjection.setInitializer(new FanInUniform(builder.outputGain), Parameter.Type.WEIGHT);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList xz = inputProjection.forward(ps, inputs, training).singletonOrThrow()
        .split(2, 2); // x, z: [B, L, E] each
    NDArray x = xz.get(0);
    NDArray sum = null;
    for (int i = 0; i < scans.size(); i++) {
      int[] perm = scans.get(i);
      NDArray y = branches.get(i).forward(ps, new NDList(reorder(x, perm)), training)
          .singletonOrThrow();
      y = reorder(y, Permutation.of(perm).inverse().toArray()); // back to sequence order
      sum = sum == null ? y : sum.add(y);
    }
    NDArray combined = mean && scans.size() > 1 ? Scale.by(sum, 1.0 / scans.size()) : sum;
    NDArray gated = combined.mul(Silu.of(xz.get(1))); // y * silu(z): [B, L, E]
    return outputProjection.forward(ps, new NDList(gated), training);
  }

  private static NDArray reorder(NDArray x, int[] perm) {
    if (ScanDirections.isIdentity(perm)) {
      return x;
    }
    long[] index = new long[perm.length];
    for (int k = 0; k < perm.length; k++) {
      index[k] = perm[k];
    }
    return x.get(new NDIndex(":, {}", x.getManager().create(index))); // [B, L, *]
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    inputProjection.initialize(manager, dataType, shapes[0]);
    Shape innerShape = new Shape(shapes[0].get(0), shapes[0].get(1), inner);
    for (ScanBranch branch : branches) {
      branch.initialize(manager, dataType, innerShape);
    }
    outputProjection.initialize(manager, dataType, innerShape);
  }

  List<ScanBranch> branches() {
    return branches;
  }

  Linear inputProjection() {
    return inputProjection;
  }

  Linear outputProjection() {
    return outputProjection;
  }

  /** Builds a {@link MambaMixer}. */
  public static final class Builder {
    private int width;
    private MambaOptions options = MambaOptions.DEFAULT;
    private List<int[]> scans;
    private double outputGain = 1;

    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    public Builder setOptions(MambaOptions options) {
      this.options = options;
      return this;
    }

    /** The scan permutations of the sequence (see {@link ScanDirections}), required. */
    public Builder setScans(List<int[]> scans) {
      this.scans = List.copyOf(scans);
      return this;
    }

    /** Gain of {@code out_proj}'s initialisation {@code U(±gain/sqrt(inner))} (default 1). */
    public Builder optOutputGain(double gain) {
      this.outputGain = gain;
      return this;
    }

    public MambaMixer build() {
      if (width < 1) {
        throw new IllegalArgumentException("mamba width must be >= 1, got " + width);
      }
      if (scans == null || scans.isEmpty() || scans.size() > 4) {
        throw new IllegalArgumentException("mamba mixer needs 1 to 4 scan permutations");
      }
      return new MambaMixer(this);
    }
  }
}
