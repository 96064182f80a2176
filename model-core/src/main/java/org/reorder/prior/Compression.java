package org.reorder.prior;

/**
 * The result of compressing one byte sequence: its size before and after, and the settings used.
 *
 * @param rawBytes size of the input, at least 1
 * @param compressedBytes size of the compressed stream including any container overhead
 * @param settings how it was compressed
 */
public record Compression(int rawBytes, int compressedBytes, LzmaSettings settings) {

  public Compression {
    if (rawBytes < 1) {
      throw new IllegalArgumentException("rawBytes must be at least 1, got " + rawBytes);
    }
    if (compressedBytes < 1) {
      throw new IllegalArgumentException(
          "compressedBytes must be at least 1, got " + compressedBytes);
    }
    if (settings == null) {
      throw new IllegalArgumentException("settings must be given");
    }
  }

  /**
   * The paper's measure, {@code 100 * (1 - compressed / raw)}: higher means more compressible;
   * negative when compression grew the input (tiny or random inputs).
   */
  public double reductionPercent() {
    return 100.0 * (1.0 - (double) compressedBytes / rawBytes);
  }

  /** The compression ratio {@code raw / compressed}: above 1 means the input shrank. */
  public double ratio() {
    return (double) rawBytes / compressedBytes;
  }
}
