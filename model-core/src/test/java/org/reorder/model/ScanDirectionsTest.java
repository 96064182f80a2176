package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScanDirectionsTest {

  @Test
  void transposedFoldingOfA4x4GridIsTheColumnOrder() {
    List<int[]> scans = ScanDirections.permutations(MambaOptions.Directions.ARM4, 16, 4, 4, false);
    assertEquals(4, scans.size());
    // The column order of reorder-method.md section 2.
    int[] column = {0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15};
    assertArrayEquals(column, scans.get(2));
    assertArrayEquals(new int[] {15, 11, 7, 3, 14, 10, 6, 2, 13, 9, 5, 1, 12, 8, 4, 0},
        scans.get(3));
    assertArrayEquals(new int[] {15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
        scans.get(1));
  }

  @Test
  void nonSquareGridAndClsStaysAtTheEnds() {
    List<int[]> scans = ScanDirections.permutations(MambaOptions.Directions.ARM4, 6, 2, 3, true);
    assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5, 6}, scans.get(2)); // CLS (6) last
    assertArrayEquals(new int[] {6, 5, 2, 4, 1, 3, 0}, scans.get(3)); // CLS first in reverse
  }

  @Test
  void singleIsOneForwardScan() {
    List<int[]> scans = ScanDirections.permutations(MambaOptions.Directions.SINGLE, 5, 1, 5, false);
    assertEquals(1, scans.size());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, scans.get(0));
  }
}
