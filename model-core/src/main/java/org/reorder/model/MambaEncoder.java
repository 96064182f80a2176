package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The Mamba encoder: pre-LN residual blocks {@code x + mixer(LN(x))} (LayerNorm where Mamba uses
 * RMSNorm), read out at the last slot.
 *
 * <p>Readout LAST (the reference): the sequence is the ordered patches and the readout is the
 * last patch's state. Readout CLS: CLS is appended after the patches, so the forward scans reach
 * it last, having seen every patch.
 *
 * <p>Input {@code NDList(tokens [B, N, d])}, or {@code NDList(tokens, cls [1, 1, d])} with CLS
 * readout; output {@code [B, d]}.
 */
public final class MambaEncoder extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final boolean cls;
  private final List<LayerNorm> norms = new ArrayList<>();
  private final List<MambaMixer> mixers = new ArrayList<>();

  private MambaEncoder(Builder builder) {
    super(VERSION);
    width = builder.width;
    MambaOptions o = builder.options;
    cls = o.readout() == MambaOptions.Readout.CLS;
    int[] grid = o.directions() == MambaOptions.Directions.ARM4
        ? o.grid(builder.numPatches) : new int[] {1, builder.numPatches};
    List<int[]> scans =
        ScanDirections.permutations(o.directions(), builder.numPatches, grid[0], grid[1], cls);
    for (int i = 0; i < builder.depth; i++) {
      norms.add(addChildBlock("norm_" + i, LayerNorm.builder().axis(2).build()));
      mixers.add(addChildBlock("mixer_" + i, MambaMixer.builder().setWidth(width).setOptions(o)
          .setScans(scans).build()));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    if (cls) {
      long batch = x.getShape().get(0);
      x = x.concat(inputs.get(1).broadcast(batch, 1, width), 1); // [B, N+1, d], CLS last
    }
    for (int i = 0; i < mixers.size(); i++) {
      NDList normed = norms.get(i).forward(ps, new NDList(x), training);
      x = x.add(mixers.get(i).forward(ps, normed, training).singletonOrThrow());
    }
    return new NDList(x.get(new NDIndex(":, -1"))); // the last slot: [B, d]
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape seq = new Shape(shapes[0].get(0), shapes[0].get(1) + (cls ? 1 : 0), width);
    for (int i = 0; i < mixers.size(); i++) {
      norms.get(i).initialize(manager, dataType, seq);
      mixers.get(i).initialize(manager, dataType, seq);
    }
  }

  /** Builds a {@link MambaEncoder}. */
  public static final class Builder {
    private int width;
    private int depth;
    private int numPatches;
    private MambaOptions options = MambaOptions.DEFAULT;

    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    public Builder setDepth(int depth) {
      this.depth = depth;
      return this;
    }

    /** Patches per image N (required: it fixes the ARM folding). */
    public Builder setNumPatches(int numPatches) {
      this.numPatches = numPatches;
      return this;
    }

    public Builder setOptions(MambaOptions options) {
      this.options = options;
      return this;
    }

    public MambaEncoder build() {
      if (depth < 1 || width < 1 || numPatches < 1) {
        throw new IllegalArgumentException("mamba width, depth and numPatches must be >= 1, got "
            + width + ", " + depth + ", " + numPatches);
      }
      return new MambaEncoder(this);
    }
  }
}
