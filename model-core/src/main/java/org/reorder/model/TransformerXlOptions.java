package org.reorder.model;

/**
 * Transformer-XL settings.
 *
 * @param segmentLength tokens per segment (the sequence, CLS included, is cut into segments of
 *     this length; the last one may be shorter)
 * @param memoryLength how many hidden states of earlier segments each layer keeps as memory
 * @param memoryEnabled false: every segment sees only itself (no recurrence)
 */
public record TransformerXlOptions(int segmentLength, int memoryLength, boolean memoryEnabled) {

  /** Segments of 64 tokens, memory of 128 (the reference's memory length), memory on. */
  public static final TransformerXlOptions DEFAULT = new TransformerXlOptions(64, 128, true);

  public TransformerXlOptions {
    if (segmentLength < 1) {
      throw new IllegalArgumentException(
          "transformer-xl segmentLength must be >= 1, got " + segmentLength);
    }
    if (memoryLength < 0) {
      throw new IllegalArgumentException(
          "transformer-xl memoryLength must be >= 0, got " + memoryLength);
    }
  }
}
