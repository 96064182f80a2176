package org.reorder.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomOrderTest {
  private static final Permutation COLUMN_2X2 = Permutation.of(0, 2, 1, 3);

  @TempDir Path dir;

  private static String errorOf(String listOrFile, int rows, int cols) {
    return assertThrows(
            IllegalArgumentException.class, () -> CustomOrder.parse(listOrFile, rows, cols))
        .getMessage();
  }

  @Test
  void parsesInlineListsWithCommasOrWhitespace() {
    assertEquals(COLUMN_2X2, CustomOrder.parse("0,2,1,3", 2, 2));
    assertEquals(COLUMN_2X2, CustomOrder.parse(" 0 2\n1, 3 ", 2, 2));
    assertEquals(COLUMN_2X2, CustomOrder.parse("[0, 2, 1, 3]", 2, 2));
  }

  @Test
  void readsListJsonArrayAndJsonObjectFiles() throws IOException {
    Path list = Files.writeString(dir.resolve("order.txt"), "0 2\n1 3\n");
    Path array = Files.writeString(dir.resolve("order.json"), "[0, 2, 1, 3]");
    Path object =
        Files.writeString(dir.resolve("saved.json"), "{\"order\":\"x\",\"perm\":[0,2,1,3]}");
    assertEquals(COLUMN_2X2, CustomOrder.parse(list.toString(), 2, 2));
    assertEquals(COLUMN_2X2, CustomOrder.parse(array.toString(), 2, 2));
    assertEquals(COLUMN_2X2, CustomOrder.parse(object.toString(), 2, 2));
  }

  @Test
  void errorsNameTheInlineSource() {
    String wrongLength = errorOf("0,1,2", 2, 2);
    assertTrue(wrongLength.contains("'0,1,2'") && wrongLength.contains("expected 4"), wrongLength);
    String duplicate = errorOf("0,1,1,3", 2, 2);
    assertTrue(duplicate.contains("'0,1,1,3'") && duplicate.contains("1 twice"), duplicate);
    String outOfRange = errorOf("0,1,2,4", 2, 2);
    assertTrue(outOfRange.contains("'0,1,2,4'") && outOfRange.contains("outside"), outOfRange);
    String notInt = errorOf("0,1,2,3x", 2, 2);
    assertTrue(notInt.contains("0,1,2,3x"), notInt);
  }

  @Test
  void errorsNameTheFile() throws IOException {
    Path missing = dir.resolve("missing.txt");
    String unreadable = errorOf(missing.toString(), 2, 2);
    assertTrue(
        unreadable.contains(missing.toString()) && unreadable.contains("cannot read"), unreadable);
    Path shortFile = Files.writeString(dir.resolve("short.json"), "{\"perm\":[0,1]}");
    String wrongLength = errorOf(shortFile.toString(), 2, 2);
    assertTrue(
        wrongLength.contains(shortFile.toString()) && wrongLength.contains("expected 4"),
        wrongLength);
    Path noPerm = Files.writeString(dir.resolve("noperm.json"), "{\"order\":[0,1,2,3]}");
    String missingField = errorOf(noPerm.toString(), 2, 2);
    assertTrue(
        missingField.contains(noPerm.toString()) && missingField.contains("\"perm\""),
        missingField);
    Path badJson = Files.writeString(dir.resolve("bad.json"), "{\"perm\":[0,1,");
    String invalid = errorOf(badJson.toString(), 2, 2);
    assertTrue(invalid.contains(badJson.toString()) && invalid.contains("JSON"), invalid);
    Path fractional = Files.writeString(dir.resolve("frac.json"), "[0, 1.5, 2, 3]");
    String notInt = errorOf(fractional.toString(), 2, 2);
    assertTrue(notInt.contains(fractional.toString()) && notInt.contains("perm[1]"), notInt);
  }

  @Test
  void ordersResolveNamesAndCustomOrders() {
    assertEquals(ScanOrder.SPIRAL.permutation(3, 5, 0), Orders.resolve("spiral", 3, 5, 0));
    assertEquals(ScanOrder.RANDOM.permutation(3, 5, 9), Orders.resolve("random", 3, 5, 9));
    assertEquals(COLUMN_2X2, Orders.resolve("custom:0,2,1,3", 2, 2, 0));
    String unknown =
        assertThrows(IllegalArgumentException.class, () -> Orders.resolve("zigzag", 2, 2, 0))
            .getMessage();
    assertTrue(unknown.contains("hilbert") && unknown.contains("custom:"), unknown);
  }
}
