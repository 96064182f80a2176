package org.reorder.order;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The named scan orders of a H x W patch grid. {@link #permutation} gives slot-to-patch indices
 * ({@code seq[k] = patches[perm[k]]}) for any grid from 1 x 1 up, square or not. Definitions are
 * those of the REOrder reference code unless noted; see docs/orders.md for pictures.
 */
public enum ScanOrder {
  ROW("row", "row-major: rows top to bottom, each left to right (the identity)") {
    @Override
    int[] scan(GridShape grid, long seed) {
      return LineScans.row(grid);
    }
  },
  COLUMN("column", "column-major: columns left to right, each top to bottom") {
    @Override
    int[] scan(GridShape grid, long seed) {
      return LineScans.column(grid);
    }
  },
  HILBERT("hilbert", "Hilbert curve on the enclosing power-of-two square (x = row), cropped") {
    @Override
    int[] scan(GridShape grid, long seed) {
      return HilbertCurve.scan(grid);
    }
  },
  GILBERT("gilbert", "generalized Hilbert curve, only 4-neighbour steps on any HxW grid") {
    @Override
    int[] scan(GridShape grid, long seed) {
      return GilbertCurve.scan(grid);
    }
  },
  SPIRAL("spiral", "clockwise inward spiral from the top-left corner") {
    @Override
    int[] scan(GridShape grid, long seed) {
      return SpiralScan.scan(grid);
    }
  },
  SNAKE("snake", "JPEG zig-zag over anti-diagonals: (0,0), (0,1), (1,0), (2,0), ...") {
    @Override
    int[] scan(GridShape grid, long seed) {
      return LineScans.snake(grid);
    }
  },
  DIAGONAL("diagonal", "lines parallel to the main diagonal, from bottom-left to top-right") {
    @Override
    int[] scan(GridShape grid, long seed) {
      return LineScans.diagonal(grid);
    }
  },
  ANTI_DIAGONAL("anti-diagonal", "anti-diagonals r+c = 0, 1, ..., each by increasing row (paper)") {
    @Override
    int[] scan(GridShape grid, long seed) {
      return LineScans.antiDiagonal(grid);
    }
  },
  PEANO("peano", "Peano curve (recursive 3x3 serpentine) on the enclosing 3^k square, cropped") {
    @Override
    int[] scan(GridShape grid, long seed) {
      return PeanoCurve.scan(grid);
    }
  },
  RANDOM("random", "uniform random shuffle from --seed (SplittableRandom Fisher-Yates)") {
    /**
     * Fisher-Yates from the last slot down with {@code new SplittableRandom(seed)}, whose output
     * for a seed is fixed by its specification, so a seed gives the same order on every JVM.
     */
    @Override
    int[] scan(GridShape grid, long seed) {
      int[] perm = LineScans.row(grid);
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = perm.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = perm[i];
        perm[i] = perm[j];
        perm[j] = swap;
      }
      return perm;
    }
  };

  /** The six orders the paper compares: row, column, hilbert, spiral, diagonal, snake. */
  public static final List<ScanOrder> PAPER_ORDERS =
      List.of(ROW, COLUMN, HILBERT, SPIRAL, DIAGONAL, SNAKE);

  private final String cliName;
  private final String description;

  ScanOrder(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  /** The order's name on the command line and in files, e.g. {@code "anti-diagonal"}. */
  public String cliName() {
    return cliName;
  }

  /** A one-line description. */
  public String description() {
    return description;
  }

  /**
   * The order of a {@code rows} x {@code cols} grid. {@code seed} is used only by {@link #RANDOM}.
   *
   * @throws IllegalArgumentException if a side is below 1
   */
  public Permutation permutation(int rows, int cols, long seed) {
    GridShape grid = new GridShape(rows, cols);
    return Permutation.of(scan(grid, seed), grid.cells());
  }

  abstract int[] scan(GridShape grid, long seed);

  /**
   * The order called {@code name} (case-insensitive; {@code _} is read as {@code -}).
   *
   * @throws IllegalArgumentException listing the known names if there is none
   */
  public static ScanOrder fromName(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (ScanOrder order : values()) {
      if (order.cliName.equals(key)) {
        return order;
      }
    }
    throw new IllegalArgumentException(
        "unknown scan order '" + name + "'; known orders: " + names());
  }

  /** The names of all orders, comma separated, in declaration order. */
  public static String names() {
    return Arrays.stream(values()).map(ScanOrder::cliName).collect(Collectors.joining(", "));
  }
}
