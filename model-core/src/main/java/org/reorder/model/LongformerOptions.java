package org.reorder.model;

/**
 * Longformer settings.
 *
 * @param window the sliding-window span in tokens, even: each token attends to {@code window/2}
 *     tokens on each side and itself (the reference: 14, i.e. 7 each side); CLS is global
 */
public record LongformerOptions(int window) {

  /** A window of 14 tokens (7 each side), as in the reference. */
  public static final LongformerOptions DEFAULT = new LongformerOptions(14);

  public LongformerOptions {
    if (window < 2 || window % 2 != 0) {
      throw new IllegalArgumentException(
          "longformer window must be an even number >= 2, got " + window);
    }
  }

  /** Tokens on each side of a query. */
  public int halfWindow() {
    return window / 2;
  }
}
