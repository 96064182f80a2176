package org.reorder.model;

/**
 * Mamba settings. The defaults build the reference's ARM block (d3tk/REOrder {@code
 * vision_mamba.py}): mixer with {@code expand} 1 and four scan directions averaged, then a SwiGLU
 * MLP, each with its own LayerNorm and drop-path; 85 M parameters at {@code base}.
 *
 * @param stateSize SSM state size per channel (16)
 * @param convKernel width of the causal depthwise convolution (4)
 * @param expand inner width = expand * width (1, the reference's ARM; Mamba's own default is 2)
 * @param directions one causal scan, or the reference's four (ARM)
 * @param gridRows rows of the folding used by {@link Directions#ARM4}; 0 = square root of N
 * @param gridCols columns of that folding; 0 = square root of N
 * @param readout which token's state feeds the classifier
 * @param mlp whether each block has a SwiGLU MLP after its mixer
 * @param combine how the mixer merges its scan directions
 * @param dropPath the drop-path (stochastic depth) rate the blocks rise to, in [0, 1); block
 *     {@code i} of {@code depth} drops its branches with {@link #dropPathRate(int, int)}
 */
public record MambaOptions(
    int stateSize,
    int convKernel,
    int expand,
    Directions directions,
    int gridRows,
    int gridCols,
    Readout readout,
    Mlp mlp,
    Combine combine,
    double dropPath) {

  /** Which scans a Mamba mixer runs. */
  public enum Directions {
    /** One causal scan in slot order. */
    SINGLE,
    /**
     * The reference's four scans: forward and reverse over the sequence, and forward and reverse
     * over its transposed folding into a {@code gridRows x gridCols} grid.
     */
    ARM4
  }

  /** The token read out for classification. */
  public enum Readout {
    /** A CLS token appended after the last patch (so a forward scan has seen every patch). */
    CLS,
    /** The last sequence slot, no CLS token (the reference). */
    LAST
  }

  /** What follows the mixer in a block. */
  public enum Mlp {
    /** A SwiGLU MLP of hidden width {@code 8 * width / 3} (2048 at 768), the reference's ARM. */
    SWIGLU,
    /** Nothing: blocks are {@code x + mixer(LN(x))}, as in Mamba and Vim. */
    NONE
  }

  /** How the mixer merges the outputs of its scan directions. */
  public enum Combine {
    /** Their mean (the reference's ARM divides the four by 4). */
    MEAN,
    /** Their sum (Vim's bidirectional mixer). */
    SUM
  }

  /**
   * The reference's ARM: state 16, kernel 4, expand 1, four directions averaged on a square grid,
   * last-token readout, SwiGLU MLP, drop-path rising to 0.1.
   */
  public static final MambaOptions DEFAULT = new MambaOptions(16, 4, 1, Directions.ARM4, 0, 0,
      Readout.LAST, Mlp.SWIGLU, Combine.MEAN, 0.1);

  public MambaOptions {
    if (stateSize < 1) {
      throw new IllegalArgumentException("mamba stateSize must be >= 1, got " + stateSize);
    }
    if (convKernel < 1) {
      throw new IllegalArgumentException("mamba convKernel must be >= 1, got " + convKernel);
    }
    if (expand < 1) {
      throw new IllegalArgumentException("mamba expand must be >= 1, got " + expand);
    }
    if (directions == null) {
      throw new IllegalArgumentException("mamba directions must be set (single or arm4)");
    }
    if (readout == null) {
      throw new IllegalArgumentException("mamba readout must be set (cls or last)");
    }
    if (mlp == null) {
      throw new IllegalArgumentException("mamba mlp must be set (swiglu or none)");
    }
    if (combine == null) {
      throw new IllegalArgumentException("mamba combine must be set (mean or sum)");
    }
    if (!(dropPath >= 0 && dropPath < 1)) {
      throw new IllegalArgumentException("mamba dropPath must be in [0, 1), got " + dropPath);
    }
    if (gridRows < 0 || gridCols < 0) {
      throw new IllegalArgumentException(
          "mamba gridRows/gridCols must be >= 0 (0 = square root of N), got "
              + gridRows + "x" + gridCols);
    }
  }

  /** The same options with another direction set. */
  public MambaOptions withDirections(Directions d) {
    return new MambaOptions(stateSize, convKernel, expand, d, gridRows, gridCols, readout, mlp,
        combine, dropPath);
  }

  /** The same options with another readout. */
  public MambaOptions withReadout(Readout r) {
    return new MambaOptions(stateSize, convKernel, expand, directions, gridRows, gridCols, r, mlp,
        combine, dropPath);
  }

  /** The same options with another drop-path rate. */
  public MambaOptions withDropPath(double rate) {
    return new MambaOptions(stateSize, convKernel, expand, directions, gridRows, gridCols,
        readout, mlp, combine, rate);
  }

  /**
   * The drop-path rate of block {@code block} of {@code depth}, as the reference computes it:
   * {@code dpr = linspace(0, dropPath, depth)} shifted by one ({@code [0] + dpr}), so blocks 0 and
   * 1 never drop and the last drops with {@code dropPath * (depth - 2) / (depth - 1)}: 0.0909 at
   * depth 12 and rate 0.1.
   */
  public double dropPathRate(int block, int depth) {
    if (block < 0 || block >= depth) {
      throw new IllegalArgumentException("block " + block + " outside depth " + depth);
    }
    return block == 0 || depth == 1 ? 0 : dropPath * (block - 1) / (depth - 1);
  }

  /**
   * The ARM folding grid {rows, cols} for {@code numPatches} patches.
   *
   * @throws IllegalArgumentException if it does not cover exactly {@code numPatches}
   */
  public int[] grid(int numPatches) {
    int rows = gridRows;
    int cols = gridCols;
    if (rows == 0 && cols == 0) {
      rows = (int) Math.round(Math.sqrt(numPatches));
      cols = rows;
    } else if (rows == 0) {
      rows = cols == 0 ? 0 : numPatches / cols;
    } else if (cols == 0) {
      cols = numPatches / rows;
    }
    if ((long) rows * cols != numPatches) {
      throw new IllegalArgumentException(
          "mamba gridRows x gridCols (" + rows + "x" + cols + ") must equal numPatches "
              + numPatches + "; set gridRows and gridCols for a non-square patch grid");
    }
    return new int[] {rows, cols};
  }
}
