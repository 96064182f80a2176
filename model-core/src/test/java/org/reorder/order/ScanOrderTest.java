package org.reorder.order;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScanOrderTest {
  private static final int MAX_SIDE = 20;

  private static int[] perm(ScanOrder order, int rows, int cols) {
    return order.permutation(rows, cols, 42L).toArray();
  }

  /** Cells sorted by an independent key: the definition of a line scan written as a sort. */
  private static int[] sortedBy(int rows, int cols, Comparator<int[]> byRowCol) {
    return IntStream.range(0, rows * cols)
        .mapToObj(p -> new int[] {p / cols, p % cols})
        .sorted(byRowCol)
        .mapToInt(rc -> rc[0] * cols + rc[1])
        .toArray();
  }

  private static int manhattan(int a, int b, int cols) {
    return Math.abs(a / cols - b / cols) + Math.abs(a % cols - b % cols);
  }

  private static void assertFourNeighbourSteps(int[] perm, int cols, String what) {
    for (int k = 1; k < perm.length; k++) {
      assertEquals(1, manhattan(perm[k - 1], perm[k], cols), what + " step " + k);
    }
  }

  @Test
  void fourByFourVectorsOfTheReference() {
    assertArrayEquals(
        new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        perm(ScanOrder.ROW, 4, 4));
    assertArrayEquals(
        new int[] {0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15},
        perm(ScanOrder.COLUMN, 4, 4));
    assertArrayEquals(
        new int[] {0, 4, 5, 1, 2, 3, 7, 6, 10, 11, 15, 14, 13, 9, 8, 12},
        perm(ScanOrder.HILBERT, 4, 4));
    assertArrayEquals(
        new int[] {0, 1, 2, 3, 7, 11, 15, 14, 13, 12, 8, 4, 5, 6, 10, 9},
        perm(ScanOrder.SPIRAL, 4, 4));
    assertArrayEquals(
        new int[] {12, 8, 13, 4, 9, 14, 0, 5, 10, 15, 1, 6, 11, 2, 7, 3},
        perm(ScanOrder.DIAGONAL, 4, 4));
    assertArrayEquals(
        new int[] {0, 1, 4, 8, 5, 2, 3, 6, 9, 12, 13, 10, 7, 11, 14, 15},
        perm(ScanOrder.SNAKE, 4, 4));
    assertArrayEquals(
        new int[] {0, 1, 4, 2, 5, 8, 3, 6, 9, 12, 7, 10, 13, 11, 14, 15},
        perm(ScanOrder.ANTI_DIAGONAL, 4, 4));
    assertArrayEquals(new int[] {0, 3, 6, 7, 4, 1, 2, 5, 8}, perm(ScanOrder.PEANO, 3, 3));
  }

  @Test
  void everyOrderIsAPermutationOnEveryGridUpTo20x20() {
    for (ScanOrder order : ScanOrder.values()) {
      for (int rows = 1; rows <= MAX_SIDE; rows++) {
        for (int cols = 1; cols <= MAX_SIDE; cols++) {
          int[] perm = perm(order, rows, cols);
          int[] sorted = perm.clone();
          Arrays.sort(sorted);
          assertArrayEquals(
              IntStream.range(0, rows * cols).toArray(),
              sorted,
              order + " on " + rows + "x" + cols);
        }
      }
    }
  }

  @Test
  void lineScansMatchTheirDefinitionsWrittenAsSorts() {
    for (int rows = 1; rows <= MAX_SIDE; rows++) {
      for (int cols = 1; cols <= MAX_SIDE; cols++) {
        String grid = rows + "x" + cols;
        assertArrayEquals(
            sortedBy(
                rows,
                cols,
                Comparator.<int[]>comparingInt(rc -> rc[1]).thenComparingInt(rc -> rc[0])),
            perm(ScanOrder.COLUMN, rows, cols),
            "column " + grid);
        assertArrayEquals(
            sortedBy(
                rows,
                cols,
                Comparator.<int[]>comparingInt(rc -> rc[1] - rc[0]).thenComparingInt(rc -> rc[1])),
            perm(ScanOrder.DIAGONAL, rows, cols),
            "diagonal " + grid);
        assertArrayEquals(
            sortedBy(
                rows,
                cols,
                Comparator.<int[]>comparingInt(rc -> rc[0] + rc[1]).thenComparingInt(rc -> rc[0])),
            perm(ScanOrder.ANTI_DIAGONAL, rows, cols),
            "anti-diagonal " + grid);
        assertArrayEquals(
            sortedBy(
                rows,
                cols,
                Comparator.<int[]>comparingInt(rc -> rc[0] + rc[1])
                    .thenComparingInt(rc -> (rc[0] + rc[1]) % 2 == 0 ? rc[1] : -rc[1])),
            perm(ScanOrder.SNAKE, rows, cols),
            "snake " + grid);
      }
    }
  }

  @Test
  void gilbertStepsOnlyToFourNeighboursOnEveryGrid() {
    for (int rows = 1; rows <= MAX_SIDE; rows++) {
      for (int cols = 1; cols <= MAX_SIDE; cols++) {
        int[] perm = perm(ScanOrder.GILBERT, rows, cols);
        assertEquals(0, perm[0], "gilbert starts at (0,0) on " + rows + "x" + cols);
        assertFourNeighbourSteps(perm, cols, "gilbert " + rows + "x" + cols);
      }
    }
    // A few larger odd/even mixes, where the plain algorithm would take a diagonal step.
    for (int[] g : new int[][] {{12, 15}, {15, 12}, {31, 55}, {63, 100}, {7, 64}}) {
      assertFourNeighbourSteps(
          perm(ScanOrder.GILBERT, g[0], g[1]), g[1], "gilbert " + Arrays.toString(g));
    }
  }

  @Test
  void gilbertIsTheTransposedHilbertCurveOnPowerOfTwoSquares() {
    for (int n = 1; n <= 32; n *= 2) {
      int[] hilbert = perm(ScanOrder.HILBERT, n, n);
      int side = n;
      int[] transposed = Arrays.stream(hilbert).map(p -> (p % side) * side + p / side).toArray();
      assertArrayEquals(transposed, perm(ScanOrder.GILBERT, n, n), "n=" + n);
    }
  }

  @Test
  void hilbertStepsToFourNeighboursAndFillsAlignedBlocksOnPowerOfTwoSquares() {
    for (int n = 1; n <= 32; n *= 2) {
      int[] perm = perm(ScanOrder.HILBERT, n, n);
      assertFourNeighbourSteps(perm, n, "hilbert " + n + "x" + n);
      assertAlignedBlocksContiguous(perm, n, 2, "hilbert");
    }
  }

  @Test
  void hilbertOnACroppedGridKeepsTheCurveOrderOfTheEnclosingSquare() {
    int[] square = perm(ScanOrder.HILBERT, 16, 16);
    int[] expected =
        Arrays.stream(square)
            .filter(p -> p / 16 < 14 && p % 16 < 11)
            .map(p -> (p / 16) * 11 + p % 16)
            .toArray();
    assertArrayEquals(expected, perm(ScanOrder.HILBERT, 14, 11));
  }

  @Test
  void peanoStepsToFourNeighboursAndFillsAlignedBlocksOnPowerOfThreeSquares() {
    for (int n = 1; n <= 27; n *= 3) {
      int[] perm = perm(ScanOrder.PEANO, n, n);
      assertEquals(0, perm[0]);
      assertFourNeighbourSteps(perm, n, "peano " + n + "x" + n);
      assertAlignedBlocksContiguous(perm, n, 3, "peano");
    }
  }

  /** Each aligned block of side base^j is visited in one run of consecutive slots. */
  private static void assertAlignedBlocksContiguous(int[] perm, int n, int base, String what) {
    for (int side = base; side <= n; side *= base) {
      int perBlock = side * side;
      for (int k = 0; k < perm.length; k++) {
        int start = k - k % perBlock;
        assertEquals(
            blockOf(perm[start], n, side),
            blockOf(perm[k], n, side),
            what + " n=" + n + " block side " + side + " slot " + k);
      }
    }
  }

  private static int blockOf(int patch, int n, int side) {
    return (patch / n / side) * n + (patch % n) / side;
  }

  @Test
  void spiralGoesClockwiseInwardRingByRing() {
    for (int rows = 1; rows <= MAX_SIDE; rows++) {
      for (int cols = 1; cols <= MAX_SIDE; cols++) {
        String grid = rows + "x" + cols;
        int[] perm = perm(ScanOrder.SPIRAL, rows, cols);
        assertFourNeighbourSteps(perm, cols, "spiral " + grid);
        // First the top row left to right, then down the right column.
        for (int c = 0; c < cols; c++) {
          assertEquals(c, perm[c], "spiral top row " + grid);
        }
        for (int r = 1; r < rows; r++) {
          assertEquals(r * cols + cols - 1, perm[cols - 1 + r], "spiral right column " + grid);
        }
        int previousRing = 0;
        int previousDir = -1;
        for (int k = 1; k < perm.length; k++) {
          int r = perm[k] / cols;
          int c = perm[k] % cols;
          int ring = Math.min(Math.min(r, c), Math.min(rows - 1 - r, cols - 1 - c));
          assertTrue(ring >= previousRing, "spiral moves inward only " + grid);
          previousRing = ring;
          int dir = direction(perm[k - 1], perm[k], cols);
          // Clockwise: every change of heading is a right turn (right, down, left, up, right...).
          assertTrue(
              previousDir < 0 || dir == previousDir || dir == (previousDir + 1) % 4,
              "spiral turns right only " + grid + " at slot " + k);
          previousDir = dir;
        }
      }
    }
  }

  /** 0 right, 1 down, 2 left, 3 up, for a 4-neighbour step. */
  private static int direction(int from, int to, int cols) {
    int dr = to / cols - from / cols;
    int dc = to % cols - from % cols;
    return dc == 1 ? 0 : dr == 1 ? 1 : dc == -1 ? 2 : 3;
  }

  @Test
  void snakeStaysOnItsAntiDiagonalOrMovesToTheNextByANeighbourStep() {
    for (int rows = 1; rows <= MAX_SIDE; rows++) {
      for (int cols = 1; cols <= MAX_SIDE; cols++) {
        int[] perm = perm(ScanOrder.SNAKE, rows, cols);
        for (int k = 1; k < perm.length; k++) {
          int s0 = perm[k - 1] / cols + perm[k - 1] % cols;
          int s1 = perm[k] / cols + perm[k] % cols;
          int dr = Math.abs(perm[k] / cols - perm[k - 1] / cols);
          int dc = Math.abs(perm[k] % cols - perm[k - 1] % cols);
          String at = "snake " + rows + "x" + cols + " slot " + k;
          assertTrue(s1 == s0 || s1 == s0 + 1, at);
          assertTrue(dr <= 1 && dc <= 1, at + " is an 8-neighbour step");
        }
      }
    }
  }

  @Test
  void randomIsDeterministicPerSeedAndSeedsDiffer() {
    assertEquals(ScanOrder.RANDOM.permutation(14, 14, 7), ScanOrder.RANDOM.permutation(14, 14, 7));
    assertNotEquals(
        ScanOrder.RANDOM.permutation(14, 14, 7), ScanOrder.RANDOM.permutation(14, 14, 8));
    assertFalse(ScanOrder.RANDOM.permutation(14, 14, 7).equals(Permutation.identity(196)));
    // The seed is ignored by every other order.
    assertEquals(ScanOrder.HILBERT.permutation(5, 7, 1), ScanOrder.HILBERT.permutation(5, 7, 2));
  }

  @Test
  void randomIsRoughlyUniformOverTheSixOrdersOfThreeCells() {
    Map<List<Integer>, Integer> counts = new HashMap<>();
    int seeds = 6000;
    for (long seed = 0; seed < seeds; seed++) {
      int[] p = ScanOrder.RANDOM.permutation(1, 3, seed).toArray();
      counts.merge(List.of(p[0], p[1], p[2]), 1, Integer::sum);
    }
    assertEquals(6, counts.size());
    // Expected 1000 each, standard deviation about 29: 850..1150 is over 5 sigma wide.
    counts.values().forEach(n -> assertTrue(n > 850 && n < 1150, counts.toString()));
  }

  @Test
  void namesRoundTripAndUnknownNamesListTheKnownOnes() {
    for (ScanOrder order : ScanOrder.values()) {
      assertEquals(order, ScanOrder.fromName(order.cliName()));
    }
    assertEquals(ScanOrder.ANTI_DIAGONAL, ScanOrder.fromName("Anti_Diagonal"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScanOrder.fromName("zigzag"));
    assertTrue(e.getMessage().contains("'zigzag'"), e.getMessage());
    for (ScanOrder order : ScanOrder.values()) {
      assertTrue(e.getMessage().contains(order.cliName()), e.getMessage());
    }
  }

  @Test
  void paperOrdersAreTheSixOfThePaper() {
    assertEquals(
        List.of(
            ScanOrder.ROW,
            ScanOrder.COLUMN,
            ScanOrder.HILBERT,
            ScanOrder.SPIRAL,
            ScanOrder.DIAGONAL,
            ScanOrder.SNAKE),
        ScanOrder.PAPER_ORDERS);
  }

  @Test
  void emptyGridsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScanOrder.ROW.permutation(0, 3, 0));
    assertTrue(e.getMessage().contains("0x3"), e.getMessage());
  }
}
