package org.reorder.order;

/**
 * The reference code's Hilbert scan: the classic Hilbert curve on the smallest power-of-two square
 * that holds the grid, with the curve's x coordinate taken as the <em>row</em>, cropped to the
 * grid.
 *
 * <p>Cropping keeps the curve order of the cells that remain, so a grid whose sides are not both
 * the same power of two gets a few jumps between non-adjacent cells (as in the reference). {@link
 * GilbertCurve} is the continuous alternative.
 */
final class HilbertCurve {
  private HilbertCurve() {}

  /** The scan of {@code grid} as slot-to-patch indices. */
  static int[] scan(GridShape grid) {
    int n = 1;
    while (n < Math.max(grid.rows(), grid.cols())) {
      n *= 2;
    }
    int[] perm = new int[grid.cells()];
    int k = 0;
    for (long i = 0; i < (long) n * n; i++) {
      int[] xy = d2xy(n, i);
      if (grid.contains(xy[0], xy[1])) {
        perm[k++] = grid.index(xy[0], xy[1]);
      }
    }
    return perm;
  }

  /** Curve index {@code d} to (x, y) on an {@code n} x {@code n} square, n a power of two. */
  static int[] d2xy(int n, long d) {
    int x = 0;
    int y = 0;
    long t = d;
    for (int s = 1; s < n; s *= 2) {
      int rx = (int) ((t / 2) & 1);
      int ry = (int) ((t ^ rx) & 1);
      if (ry == 0) {
        if (rx == 1) {
          x = s - 1 - x;
          y = s - 1 - y;
        }
        int swap = x;
        x = y;
        y = swap;
      }
      x += s * rx;
      y += s * ry;
      t /= 4;
    }
    return new int[] {x, y};
  }
}
