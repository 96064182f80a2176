package org.reorder.model;

import ai.djl.MalformedModelException;
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
import java.io.DataInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The Mamba encoder as the reference's ARM builds it: {@link MambaBlock}s (mixer, SwiGLU MLP,
 * drop-path rising with depth, see {@link MambaOptions#dropPathRate}), a final LayerNorm (ARM's
 * {@code norm_f}), read out at the last slot.
 *
 * <p>Readout LAST (the reference): the sequence is the ordered patches and the readout is the
 * last patch's state. Readout CLS: CLS is appended after the patches, so the forward scans reach
 * it last, having seen every patch.
 *
 * <p>Input {@code NDList(tokens [B, N, d])}, or {@code NDList(tokens, cls [1, 1, d])} with CLS
 * readout; output {@code [B, d]}.
 */
public final class MambaEncoder extends AbstractBlock {
  /**
   * 2: ARM blocks (mixer + MLP, each with its own norm) and a final norm. Version 1 (blocks of a
   * norm and a mixer only, no final norm) does not load.
   */
  private static final byte VERSION = 2;

  private final int width;
  private final boolean cls;
  private final List<MambaBlock> blocks = new ArrayList<>();
  private final LayerNorm finalNorm;

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
      MambaMixer mixer = MambaMixer.builder().setWidth(width).setOptions(o).setScans(scans)
          .optOutputGain(1 / Math.sqrt(builder.depth)).build();
      blocks.add(addChildBlock("block_" + i, MambaBlock.builder().setWidth(width)
          .setMixer(mixer).optMlp(o.mlp()).optDropPath(o.dropPathRate(i, builder.depth))
          .build()));
    }
    finalNorm = addChildBlock("final_norm", LayerNorm.builder().axis(1).build());
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
    for (MambaBlock block : blocks) {
      x = block.forward(ps, new NDList(x), training).singletonOrThrow();
    }
    NDArray last = x.get(new NDIndex(":, -1")); // the last slot: [B, d]
    return finalNorm.forward(ps, new NDList(last), training); // per token, as norm_f then pick
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape seq = new Shape(shapes[0].get(0), shapes[0].get(1) + (cls ? 1 : 0), width);
    for (MambaBlock block : blocks) {
      block.initialize(manager, dataType, seq);
    }
    finalNorm.initialize(manager, dataType, new Shape(shapes[0].get(0), width));
  }

  @Override
  protected void loadMetadata(byte loadVersion, DataInputStream is)
      throws java.io.IOException, MalformedModelException {
    if (loadVersion != VERSION) {
      throw new MalformedModelException("the Mamba parameters were saved by encoder version "
          + loadVersion + " (version 1: blocks of a mixer only, before the reference's ARM "
          + "block with SwiGLU MLP); this build reads version " + VERSION + "; retrain");
    }
    super.loadMetadata(loadVersion, is);
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
