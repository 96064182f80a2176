package org.reorder.order;

/**
 * A generalized Hilbert ("gilbert") curve: a Hilbert-like space-filling curve on any H x W grid
 * whose every step moves to a 4-neighbour. It is a standard Hilbert curve when the grid is a
 * power-of-two square.
 *
 * <p>Algorithm: Jakub Červený's recursive "gilbert2d" (BSD-2, github.com/jakubcerveny/gilbert). A
 * rectangle is described by its corner and two vectors: {@code a} along the major axis, where the
 * curve ends, and {@code b} across it. A long rectangle is cut in two along {@code a}; otherwise it
 * is cut into the Hilbert "up, across, down" template of three parts, halving with even sizes where
 * possible. The curve runs from one corner to the other end of the major axis, which forces one
 * diagonal step when the major side is odd and the other side even; so the major axis is chosen to
 * be an even side whenever there is one (an odd-by-odd grid has no such problem).
 */
final class GilbertCurve {
  private final GridShape grid;
  private final int[] perm;
  private int next;

  private GilbertCurve(GridShape grid) {
    this.grid = grid;
    this.perm = new int[grid.cells()];
  }

  /** The scan of {@code grid} as slot-to-patch indices, starting at (0, 0). */
  static int[] scan(GridShape grid) {
    GilbertCurve curve = new GilbertCurve(grid);
    int w = grid.cols();
    int h = grid.rows();
    boolean alongColumns = w >= h;
    // Why: an odd major side with an even minor side would cost a diagonal step (see class doc).
    if (alongColumns ? (w % 2 == 1 && h % 2 == 0) : (h % 2 == 1 && w % 2 == 0)) {
      alongColumns = !alongColumns;
    }
    if (alongColumns) {
      curve.fill(0, 0, w, 0, 0, h);
    } else {
      curve.fill(0, 0, 0, h, w, 0);
    }
    return curve.perm;
  }

  /** Visits the rectangle at (x, y) (x = column, y = row) spanned by vectors a (major) and b. */
  private void fill(int x, int y, int ax, int ay, int bx, int by) {
    int w = Math.abs(ax + ay);
    int h = Math.abs(bx + by);
    int dax = Integer.signum(ax);
    int day = Integer.signum(ay);
    int dbx = Integer.signum(bx);
    int dby = Integer.signum(by);

    if (h == 1 || w == 1) {
      // A single line: walk it along whichever vector is longer than one cell.
      int len = h == 1 ? w : h;
      int sx = h == 1 ? dax : dbx;
      int sy = h == 1 ? day : dby;
      for (int i = 0; i < len; i++) {
        visit(x + i * sx, y + i * sy);
      }
      return;
    }

    // Floor division, as in the original: the vectors may point in negative directions.
    int ax2 = Math.floorDiv(ax, 2);
    int ay2 = Math.floorDiv(ay, 2);
    int bx2 = Math.floorDiv(bx, 2);
    int by2 = Math.floorDiv(by, 2);
    int w2 = Math.abs(ax2 + ay2);
    int h2 = Math.abs(bx2 + by2);

    if (2 * w > 3 * h) {
      if (w2 % 2 == 1 && w > 2) {
        // Prefer an even first half so that both halves end where the next one starts.
        ax2 += dax;
        ay2 += day;
      }
      fill(x, y, ax2, ay2, bx, by);
      fill(x + ax2, y + ay2, ax - ax2, ay - ay2, bx, by);
    } else {
      if (h2 % 2 == 1 && h > 2) {
        bx2 += dbx;
        by2 += dby;
      }
      // Up the first half of b, across the whole of a, back down to the end of a.
      fill(x, y, bx2, by2, ax2, ay2);
      fill(x + bx2, y + by2, ax, ay, bx - bx2, by - by2);
      fill(
          x + (ax - dax) + (bx2 - dbx),
          y + (ay - day) + (by2 - dby),
          -bx2,
          -by2,
          -(ax - ax2),
          -(ay - ay2));
    }
  }

  private void visit(int col, int row) {
    perm[next++] = grid.index(row, col);
  }
}
