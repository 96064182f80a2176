package org.reorder.model;

/**
 * Mamba settings.
 *
 * @param stateSize SSM state size per channel (16)
 * @param convKernel width of the causal depthwise convolution (4)
 * @param expand inner width = expand * width (2)
 * @param directions one causal scan, or the reference's four (ARM)
 * @param gridRows rows of the folding used by {@link Directions#ARM4}; 0 = square root of N
 * @param gridCols columns of that folding; 0 = square root of N
 * @param readout which token's state feeds the classifier
 */
public record MambaOptions(
    int stateSize,
    int convKernel,
    int expand,
    Directions directions,
    int gridRows,
    int gridCols,
    Readout readout) {

  /** Which scans a Mamba mixer runs. */
  public enum Directions {
    /** One causal scan in slot order. */
    SINGLE,
    /**
     * The reference's four scans, summed: forward and reverse over the sequence, and forward and
     * reverse over its transposed folding into a {@code gridRows x gridCols} grid.
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

  /** State 16, kernel 4, expand 2, four ARM directions on a square grid, last-token readout. */
  public static final MambaOptions DEFAULT =
      new MambaOptions(16, 4, 2, Directions.ARM4, 0, 0, Readout.LAST);

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
    if (gridRows < 0 || gridCols < 0) {
      throw new IllegalArgumentException(
          "mamba gridRows/gridCols must be >= 0 (0 = square root of N), got "
              + gridRows + "x" + gridCols);
    }
  }

  /** The same options with another direction set. */
  public MambaOptions withDirections(Directions d) {
    return new MambaOptions(stateSize, convKernel, expand, d, gridRows, gridCols, readout);
  }

  /** The same options with another readout. */
  public MambaOptions withReadout(Readout r) {
    return new MambaOptions(stateSize, convKernel, expand, directions, gridRows, gridCols, r);
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
