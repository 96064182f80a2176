package org.reorder.prior;

/**
 * The {@code tokens} serialization of the prior: one image's VQ codes (one per patch, already in
 * scan order) written as fixed-width big-endian symbols.
 *
 * <ul>
 *   <li>unigram: one symbol per code, {@code code}, width = bytes needed for {@code K} values;
 *   <li>bigram: one symbol per adjacent pair of slots {@code (k, k+1)}, {@code code[k]*K +
 *       code[k+1]}, width = bytes needed for {@code K*K} values, so N codes give N-1 symbols.
 * </ul>
 *
 * Fixed widths keep symbol boundaries byte-aligned, which is what LZMA's literal and match coders
 * exploit; the width is the smallest number of bytes {@code w} with {@code 256^w >= K} (1 for
 * {@code K <= 256}, 2 up to 65536, ...).
 */
public final class TokenSerializer {
  private TokenSerializer() {}

  /**
   * One symbol per code.
   *
   * @param codesInSlotOrder code of the patch at each slot, each in {@code [0, codebookSize)}
   * @param codebookSize number of codes K, at least 1
   * @throws IllegalArgumentException naming the slot of the first code out of range, or if there
   *     are no codes
   */
  public static byte[] unigram(int[] codesInSlotOrder, int codebookSize) {
    validate(codesInSlotOrder, codebookSize, 1);
    int width = symbolWidth(codebookSize);
    byte[] out = new byte[codesInSlotOrder.length * width];
    for (int k = 0; k < codesInSlotOrder.length; k++) {
      put(out, k * width, width, codesInSlotOrder[k]);
    }
    return out;
  }

  /**
   * One symbol per adjacent pair of codes, {@code code[k] * K + code[k+1]}.
   *
   * @param codesInSlotOrder code of the patch at each slot, each in {@code [0, codebookSize)},
   *     at least 2 of them
   * @param codebookSize number of codes K, at least 1
   * @throws IllegalArgumentException naming the slot of the first code out of range, or if there
   *     are fewer than 2 codes
   */
  public static byte[] bigram(int[] codesInSlotOrder, int codebookSize) {
    validate(codesInSlotOrder, codebookSize, 2);
    long k2 = (long) codebookSize * codebookSize;
    int width = symbolWidth(k2);
    int pairs = codesInSlotOrder.length - 1;
    byte[] out = new byte[Math.multiplyExact(pairs, width)];
    for (int k = 0; k < pairs; k++) {
      put(out, k * width, width, (long) codesInSlotOrder[k] * codebookSize + codesInSlotOrder[k + 1]);
    }
    return out;
  }

  /** Bytes needed for a symbol taking {@code alphabetSize} values: smallest w with 256^w >= size. */
  public static int symbolWidth(long alphabetSize) {
    if (alphabetSize < 1) {
      throw new IllegalArgumentException("alphabet size must be at least 1, got " + alphabetSize);
    }
    int width = 1;
    // (alphabetSize - 1) is the largest symbol; count its bytes, at least one.
    for (long max = (alphabetSize - 1) >>> 8; max > 0; max >>>= 8) {
      width++;
    }
    return width;
  }

  private static void put(byte[] out, int offset, int width, long value) {
    for (int i = width - 1; i >= 0; i--) {
      out[offset + i] = (byte) value;
      value >>>= 8;
    }
  }

  private static void validate(int[] codes, int codebookSize, int minCodes) {
    if (codebookSize < 1) {
      throw new IllegalArgumentException("codebookSize must be at least 1, got " + codebookSize);
    }
    if (codes.length < minCodes) {
      throw new IllegalArgumentException(
          "need at least " + minCodes + " codes, got " + codes.length);
    }
    for (int k = 0; k < codes.length; k++) {
      if (codes[k] < 0 || codes[k] >= codebookSize) {
        throw new IllegalArgumentException(
            "code at slot " + k + " is " + codes[k] + ", outside [0, " + codebookSize + ")");
      }
    }
  }
}
