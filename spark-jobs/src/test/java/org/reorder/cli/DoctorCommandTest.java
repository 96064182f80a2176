package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.reorder.engine.NativeLibrary;

class DoctorCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return ReorderCli.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void reportsTheCpuLibraryAndTrainsOneStepInEachPrecision() {
    assertEquals(0, run("doctor"), err.toString(StandardCharsets.UTF_8));
    String report = out.toString(StandardCharsets.UTF_8);
    NativeLibrary lib = NativeLibrary.loaded();
    assertTrue(report.contains("engine                   PyTorch " + Engine.getInstance()
        .getVersion() + " (DJL " + Engine.getDjlVersion() + ")"), report);
    assertTrue(report.contains("native library           cpu (built with CUDA: no) at "
        + lib.path()), report);
    assertTrue(report.contains("classpath offers         cpu " + Engine.getInstance().getVersion()),
        report);
    assertTrue(report.contains("GPUs to train on         0"), report);
    assertTrue(report.contains("PYTORCH_CUDA_ALLOC_CONF"), report);
    for (String step : new String[] {"cpu() float32", "cpu() float16 (mixed precision)"}) {
      assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(step) + " +loss \\d+\\.\\d{4} in ")
          .matcher(report).find(), step + " in:\n" + report);
    }
    assertTrue(report.endsWith("reorder doctor: ok\n"), report);
  }

  @Test
  void requireGpuFailsAndSaysWhy() {
    assertEquals(1, run("doctor", "--require-gpu"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("reorder doctor: --require-gpu: the "
        + "engine cannot train on a GPU here: no CUDA library on the classpath"), err.toString());
    assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("reorder doctor: 1 problem(s)\n"));
  }
}
