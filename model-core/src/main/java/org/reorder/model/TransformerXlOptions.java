package org.reorder.model;

/**
 * Transformer-XL settings.
 *
 * @param segmentLength tokens per segment (the sequence, CLS included, is cut into segments of
 *     this length; the last one may be shorter)
 * @param memoryLength how many hidden states of earlier segments each layer keeps as memory
 * @param memoryEnabled false: every segment sees only itself (no recurrence)
 * @param cls where the CLS token sits and what it sees
 * @param relative the table of relative-position embeddings
 */
public record TransformerXlOptions(
    int segmentLength,
    int memoryLength,
    boolean memoryEnabled,
    ClsPosition cls,
    RelativePositions relative) {

  /** Where CLS sits in the sequence. */
  public enum ClsPosition {
    /**
     * First and visible to every token, and seeing every token (the reference: "set cls token to
     * always be visible"); the patches stay causal among themselves. Needs the whole sequence in
     * one segment.
     */
    FIRST,
    /** Last and strictly causal: it sees every patch because it comes after them all. */
    LAST
  }

  /** The embeddings of the relative distances 0..N. */
  public enum RelativePositions {
    /** A learned table of N+1 rows shared by all layers (the reference: {@code pe_mode: learned}). */
    LEARNED,
    /** The fixed sinusoidal table of Dai et al. (sin half, cos half). */
    SINUSOID
  }

  /**
   * The reference: CLS first and visible, a learned relative table, segments of 256 tokens and a
   * memory of 128 (the reference's memory length). At paper scale (196 patches + CLS) the
   * sequence is one segment, as in the reference, whose memory never acts. Segments (and with
   * them the memory) need CLS last: with the stop-gradient memory, every segment but the last
   * (where CLS sits) gets no gradient.
   */
  public static final TransformerXlOptions DEFAULT =
      new TransformerXlOptions(256, 128, true, ClsPosition.FIRST, RelativePositions.LEARNED);

  public TransformerXlOptions {
    if (segmentLength < 1) {
      throw new IllegalArgumentException(
          "transformer-xl segmentLength must be >= 1, got " + segmentLength);
    }
    if (memoryLength < 0) {
      throw new IllegalArgumentException(
          "transformer-xl memoryLength must be >= 0, got " + memoryLength);
    }
    if (cls == null) {
      throw new IllegalArgumentException("transformer-xl cls must be set (first or last)");
    }
    if (relative == null) {
      throw new IllegalArgumentException(
          "transformer-xl relative must be set (learned or sinusoid)");
    }
  }

  /** Segments of {@code segmentLength} with a memory, CLS last, the learned relative table. */
  public static TransformerXlOptions segmented(int segmentLength, int memoryLength,
      boolean memoryEnabled) {
    return new TransformerXlOptions(segmentLength, memoryLength, memoryEnabled, ClsPosition.LAST,
        RelativePositions.LEARNED);
  }

  /** The same options with CLS placed at {@code position}. */
  public TransformerXlOptions withCls(ClsPosition position) {
    return new TransformerXlOptions(segmentLength, memoryLength, memoryEnabled, position,
        relative);
  }

  /** The same options with another relative table. */
  public TransformerXlOptions withRelative(RelativePositions positions) {
    return new TransformerXlOptions(segmentLength, memoryLength, memoryEnabled, cls, positions);
  }

  /**
   * Checks the options against a sequence of {@code numPatches} patches plus CLS.
   *
   * @throws IllegalArgumentException if CLS first would not see every patch
   */
  void check(int numPatches) {
    if (cls == ClsPosition.FIRST && segmentLength < numPatches + 1) {
      throw new IllegalArgumentException("transformer-xl cls first sees every patch only in "
          + "one segment: segmentLength (" + segmentLength + ") must be >= N+1 ("
          + (numPatches + 1) + "); use cls last for segments with memory");
    }
  }
}
