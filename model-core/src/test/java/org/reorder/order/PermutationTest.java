package org.reorder.order;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PermutationTest {

  @Test
  void rejectsDuplicatesNamingBothSlots() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Permutation.of(0, 2, 2));
    assertTrue(e.getMessage().contains("2 twice, at slots 1 and 2"), e.getMessage());
  }

  @Test
  void rejectsOutOfRangeAndWrongLengthAndEmpty() {
    assertThrows(IllegalArgumentException.class, () -> Permutation.of(0, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> Permutation.of(-1, 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Permutation.of(new int[] {1, 0}, 3));
    assertTrue(e.getMessage().contains("length 2, expected 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, Permutation::of);
  }

  @Test
  void inverseUndoesApply() {
    Permutation p = Permutation.of(2, 0, 3, 1);
    int[] items = {10, 11, 12, 13};
    assertArrayEquals(new int[] {12, 10, 13, 11}, p.apply(items));
    assertArrayEquals(items, p.inverse().apply(p.apply(items)));
    for (int k = 0; k < p.size(); k++) {
      assertEquals(k, p.inverse().patchAt(p.patchAt(k)));
    }
  }

  @Test
  void applyRowsMovesWholeRows() {
    Permutation p = Permutation.of(1, 2, 0);
    byte[] rows = {0, 0, 1, 1, 2, 2};
    assertArrayEquals(new byte[] {1, 1, 2, 2, 0, 0}, p.applyRows(rows, 2));
    assertThrows(IllegalArgumentException.class, () -> p.applyRows(rows, 4));
    assertEquals(List.of("b", "c", "a"), p.apply(List.of("a", "b", "c")));
  }

  @Test
  void isDefensivelyCopied() {
    int[] raw = {1, 0};
    Permutation p = Permutation.of(raw);
    raw[0] = 0;
    assertEquals(1, p.patchAt(0));
    p.toArray()[0] = 0;
    assertEquals(1, p.patchAt(0));
    assertEquals(Permutation.identity(2), Permutation.of(0, 1));
  }
}
