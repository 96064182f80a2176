package org.reorder.order;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a patch grid: {@code rows} x {@code cols} patches, both at least 1. The patch at row
 * r, column c has flat index {@code r * cols + c}.
 */
public record GridShape(int rows, int cols) {
  private static final Pattern HXW = Pattern.compile("\\s*(\\d{1,9})\\s*[xX]\\s*(\\d{1,9})\\s*");

  /** Validates that both sides are at least 1 and the cell count fits an int. */
  public GridShape {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          "a grid needs at least 1 row and 1 column, got " + rows + "x" + cols);
    }
    if ((long) rows * cols > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("grid " + rows + "x" + cols + " has too many cells");
    }
  }

  /**
   * Parses {@code "HxW"} (rows x columns, e.g. {@code "14x14"}).
   *
   * @throws IllegalArgumentException quoting {@code text} when it is not of that form or a side is
   *     0
   */
  public static GridShape parse(String text) {
    Matcher m = HXW.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a grid of the form HxW (rows x columns, e.g. 14x14)");
    }
    return new GridShape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** Number of cells, {@code rows * cols}. */
  public int cells() {
    return rows * cols;
  }

  /** Flat index of the cell at ({@code row}, {@code col}). */
  public int index(int row, int col) {
    return row * cols + col;
  }

  /** True when ({@code row}, {@code col}) lies on the grid. */
  public boolean contains(int row, int col) {
    return row >= 0 && row < rows && col >= 0 && col < cols;
  }

  @Override
  public String toString() {
    return rows + "x" + cols;
  }
}
