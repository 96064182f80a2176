package org.reorder.order;

/**
 * Clockwise inward spiral: start at (0, 0) heading right, and turn right (right, down, left, up)
 * whenever the next cell is off the grid or already visited.
 */
final class SpiralScan {
  private static final int[] ROW_STEP = {0, 1, 0, -1};
  private static final int[] COL_STEP = {1, 0, -1, 0};

  private SpiralScan() {}

  /** The scan of {@code grid} as slot-to-patch indices. */
  static int[] scan(GridShape grid) {
    int[] perm = new int[grid.cells()];
    boolean[] visited = new boolean[grid.cells()];
    int r = 0;
    int c = 0;
    int dir = 0;
    for (int k = 0; k < perm.length; k++) {
      perm[k] = grid.index(r, c);
      visited[perm[k]] = true;
      if (k == perm.length - 1) {
        break;
      }
      int nr = r + ROW_STEP[dir];
      int nc = c + COL_STEP[dir];
      if (!grid.contains(nr, nc) || visited[grid.index(nr, nc)]) {
        dir = (dir + 1) % 4;
        nr = r + ROW_STEP[dir];
        nc = c + COL_STEP[dir];
      }
      r = nr;
      c = nc;
    }
    return perm;
  }
}
