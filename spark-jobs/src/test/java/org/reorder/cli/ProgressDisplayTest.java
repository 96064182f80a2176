package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prep and prior show one progress display, the project's {@link StageProgress} lines, not also
 * Spark's console bar (which redraws over them on stderr).
 */
class ProgressDisplayTest {
  /** The console-bar setting each app started with (Spark builds extraListeners with the conf). */
  static final Map<String, String> CONSOLE_BAR = new ConcurrentHashMap<>();

  /** Records {@code spark.ui.showConsoleProgress} of the session it is created for. */
  public static final class ConfProbe extends SparkListener {
    public ConfProbe(SparkConf conf) {
      CONSOLE_BAR.put(
          conf.get("spark.app.name"), conf.get("spark.ui.showConsoleProgress", "unset"));
    }
  }

  @TempDir Path tmp;

  @Test
  void prepAndPriorTurnSparksConsoleBarOff() {
    String probe = "spark.extraListeners=" + ConfProbe.class.getName();
    String in = tmp.resolve("in").toString();
    String data = tmp.resolve("data").toString();
    assertEquals(
        0,
        ReorderCli.run(
            "generate", "--output", in, "--images-per-class", "2", "--classes", "2", "--size",
            "32"));
    assertEquals(
        0,
        ReorderCli.run(
            "prep", "--dataset", "synthetic", "--input", in, "--output", data, "--master",
            "local[1]", "--conf", probe));
    assertEquals(
        0,
        ReorderCli.run(
            "prior", "--input", data, "--output", tmp.resolve("prior").toString(), "--master",
            "local[1]", "--modes", "pixels", "--orders", "row,column", "--bootstrap", "10",
            "--conf", probe));
    assertEquals("false", CONSOLE_BAR.get("reorder prep"));
    assertEquals("false", CONSOLE_BAR.get("reorder prior"));
  }
}
