package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class StageProgressTest {

  @Test
  void lineShowsCountRateAndEta() {
    StageProgress.Stage stage = new StageProgress.Stage("count at X.java:1", 40, 0);
    stage.done = 10;
    // 10 tasks in 5 s: 2 tasks/s, 30 left: 15 s.
    assertEquals("[spark] stage 3 (count at X.java:1): 10/40 tasks (25.0%) | 2.00 tasks/s | "
        + "elapsed 00:00:05 | ETA 00:00:15", StageProgress.line(3, stage, 5_000_000_000L));
  }

  @Test
  void reportsTheStagesOfARealJob() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SparkSession spark = SparkSession.builder().master("local[2]").appName("progress-test")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      // Interval 0: a line after every task and at the end of the stage.
      spark.sparkContext().addSparkListener(new StageProgress(
          new PrintStream(bytes, true, StandardCharsets.UTF_8), System::nanoTime, 0));
      assertEquals(100, spark.range(0, 100, 1, 4).count());
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.stop();
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("/4 tasks"), out);
    assertTrue(out.contains("4/4 tasks (100.0%)"), out);
    assertTrue(out.contains("ETA "), out);
  }
}
