package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.reorder.order.ScanOrder;

class OrdersCommandTest {

  /** Exit code, stdout and stderr of one {@link ReorderCli#run} call. */
  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = ReorderCli.run(args);
      return new Result(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void jsonOfA4x4HilbertIsTheReferenceVector() {
    Result r = run("orders", "--grid", "4x4", "--order", "hilbert", "--format", "json");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "{\"order\":\"hilbert\",\"rows\":4,\"cols\":4,"
            + "\"perm\":[0,4,5,1,2,3,7,6,10,11,15,14,13,9,8,12]}",
        r.out().strip());
  }

  @Test
  void textIsThePermSpaceSeparatedByDefault() {
    Result r = run("orders", "--grid", "4x4", "--order", "snake");
    assertEquals(0, r.code(), r.err());
    assertEquals("0 1 4 8 5 2 3 6 9 12 13 10 7 11 14 15", r.out().strip());
  }

  @Test
  void gridShowsTheSlotOfEveryCellRightAligned() {
    Result column = run("orders", "--grid", "2x3", "--order", "column", "--format", "grid");
    assertEquals(0, column.code(), column.err());
    assertEquals("0 2 4\n1 3 5", column.out().strip().replace("\r\n", "\n"));
    Result spiral = run("orders", "--grid", "3x4", "--order", "spiral", "--format", "grid");
    assertEquals(" 0  1  2  3\n 9 10 11  4\n 8  7  6  5", spiral.out().stripTrailing());
  }

  @Test
  void customOrdersWorkAndBadOnesNameTheOption() {
    Result ok = run("orders", "--grid", "2x2", "--order", "custom:3,2,1,0");
    assertEquals(0, ok.code(), ok.err());
    assertEquals("3 2 1 0", ok.out().strip());
    Result bad = run("orders", "--grid", "2x2", "--order", "custom:0,1,1,3");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--order") && bad.err().contains("twice"), bad.err());
  }

  @Test
  void listNamesEveryOrder() {
    Result r = run("orders", "--list");
    assertEquals(0, r.code(), r.err());
    for (ScanOrder order : ScanOrder.values()) {
      assertTrue(r.out().contains(order.cliName() + " "), order.cliName() + " in " + r.out());
    }
    assertTrue(r.out().contains("custom:"), r.out());
  }

  @Test
  void badGridsFailWithCode2NamingTheOption() {
    for (String bad : new String[] {"4x", "0x3", "abc"}) {
      Result r = run("orders", "--grid", bad, "--order", "row");
      assertEquals(2, r.code(), bad);
      assertTrue(r.err().contains("--grid") && r.err().contains(bad), r.err());
    }
    Result missing = run("orders", "--order", "row");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--grid"), missing.err());
  }
}
