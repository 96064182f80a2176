package org.reorder.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GridShapeTest {
  @Test
  void parsesRowsByColumns() {
    GridShape g = GridShape.parse("3x5");
    assertEquals(3, g.rows());
    assertEquals(5, g.cols());
    assertEquals(15, g.cells());
    assertEquals(7, g.index(1, 2));
    assertEquals(new GridShape(14, 14), GridShape.parse(" 14X14 "));
  }

  @Test
  void rejectsMalformedAndEmptyGridsQuotingTheText() {
    for (String bad : new String[] {"4x", "x4", "abc", "4x4x4", "-1x3", ""}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> GridShape.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> GridShape.parse("0x3"));
    assertTrue(zero.getMessage().contains("0x3"), zero.getMessage());
  }
}
