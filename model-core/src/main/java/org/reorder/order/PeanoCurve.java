package org.reorder.order;

/**
 * The Peano curve: on a 3^k x 3^k square, a recursive 3 x 3 serpentine. At every level the nine
 * blocks are visited column by column (down column 0, up column 1, down column 2), and each block
 * is mirrored so that it starts next to where the previous one ended. Cropped to the grid, keeping
 * the curve order, like {@link HilbertCurve}; continuous on 3^k squares. Starts at (0, 0) heading
 * down.
 */
final class PeanoCurve {
  private final GridShape grid;
  private final int[] perm;
  private int next;

  private PeanoCurve(GridShape grid) {
    this.grid = grid;
    this.perm = new int[grid.cells()];
  }

  /** The scan of {@code grid} as slot-to-patch indices. */
  static int[] scan(GridShape grid) {
    int side = 1;
    // Integer powers of 3: no floating-point log rounding.
    while (side < Math.max(grid.rows(), grid.cols())) {
      side *= 3;
    }
    PeanoCurve curve = new PeanoCurve(grid);
    curve.block(0, 0, side, false, false);
    return curve.perm;
  }

  /**
   * Visits the {@code side}-square block whose top-left cell is ({@code row0}, {@code col0}).
   * {@code flipRows} mirrors the block top-to-bottom, {@code flipCols} left-to-right.
   */
  private void block(int row0, int col0, int side, boolean flipRows, boolean flipCols) {
    if (row0 >= grid.rows() || col0 >= grid.cols()) {
      return; // Entirely cropped away.
    }
    if (side == 1) {
      perm[next++] = grid.index(row0, col0);
      return;
    }
    int third = side / 3;
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        // Unmirrored serpentine: column a, row b downwards, or upwards in the odd column.
        int col = a;
        int row = a % 2 == 0 ? b : 2 - b;
        // A block in an odd column runs upwards; a block in an odd row runs right-to-left.
        boolean childFlipRows = flipRows ^ (a % 2 == 1);
        boolean childFlipCols = flipCols ^ (row % 2 == 1);
        int r = flipRows ? 2 - row : row;
        int c = flipCols ? 2 - col : col;
        block(row0 + r * third, col0 + c * third, third, childFlipRows, childFlipCols);
      }
    }
  }
}
