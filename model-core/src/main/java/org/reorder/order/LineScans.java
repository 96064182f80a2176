package org.reorder.order;

/**
 * Scans that walk the grid one straight line at a time: rows, columns, and the two families of
 * diagonals. Each method returns slot-to-patch indices.
 */
final class LineScans {
  private LineScans() {}

  /** Row-major: the identity. */
  static int[] row(GridShape grid) {
    return Permutation.identity(grid.cells()).toArray();
  }

  /** Columns left to right, each top to bottom: {@code perm[k] = (k mod H) * W + k div H}. */
  static int[] column(GridShape grid) {
    int[] perm = new int[grid.cells()];
    for (int k = 0; k < perm.length; k++) {
      perm[k] = grid.index(k % grid.rows(), k / grid.rows());
    }
    return perm;
  }

  /**
   * JPEG zig-zag: anti-diagonals {@code s = r + c} from 0 to H + W - 2, each by increasing column,
   * reversed when s is odd. Starts (0,0), (0,1), (1,0).
   */
  static int[] snake(GridShape grid) {
    int[] perm = new int[grid.cells()];
    int k = 0;
    for (int s = 0; s <= grid.rows() + grid.cols() - 2; s++) {
      int cLo = Math.max(0, s - (grid.rows() - 1));
      int cHi = Math.min(grid.cols() - 1, s);
      for (int i = 0; i <= cHi - cLo; i++) {
        int c = s % 2 == 0 ? cLo + i : cHi - i;
        perm[k++] = grid.index(s - c, c);
      }
    }
    return perm;
  }

  /**
   * The reference's diagonal scan: lines {@code d = c - r} from -(H-1) to W-1, each walked from its
   * upper-left end. Starts at the bottom-left cell, ends at the top-right one.
   */
  static int[] diagonal(GridShape grid) {
    int[] perm = new int[grid.cells()];
    int k = 0;
    for (int d = -(grid.rows() - 1); d <= grid.cols() - 1; d++) {
      for (int c = Math.max(0, d); c <= Math.min(grid.cols() - 1, d + grid.rows() - 1); c++) {
        perm[k++] = grid.index(c - d, c);
      }
    }
    return perm;
  }

  /**
   * The paper's text: anti-diagonals {@code r + c = s} for increasing s, each by increasing row.
   */
  static int[] antiDiagonal(GridShape grid) {
    int[] perm = new int[grid.cells()];
    int k = 0;
    for (int s = 0; s <= grid.rows() + grid.cols() - 2; s++) {
      for (int r = Math.max(0, s - (grid.cols() - 1)); r <= Math.min(grid.rows() - 1, s); r++) {
        perm[k++] = grid.index(r, s - r);
      }
    }
    return perm;
  }
}
