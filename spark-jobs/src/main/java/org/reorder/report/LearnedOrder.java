package org.reorder.report;

import org.reorder.order.Permutation;

/** The order a REOrder run started from and the one it learned, on a rows x cols patch grid. */
public record LearnedOrder(String run, int rows, int cols, Permutation start, Permutation learned) {
  public LearnedOrder {
    if (start.size() != rows * cols || learned.size() != rows * cols) {
      throw new IllegalArgumentException(
          "run " + run + ": orders of " + start.size() + " and " + learned.size()
              + " patches do not fit a " + rows + "x" + cols + " grid");
    }
  }
}
