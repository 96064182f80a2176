package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.eval.TinyRun;

class EvalCommandTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static TinyRun run;
  private static TinyRun.Reference reference;
  private static Path dataset;

  @BeforeAll
  static void setUp() throws Exception {
    run = TinyRun.train(dir.resolve("run"));
    reference = run.reference(null);
    spark = SparkSession.builder().master("local[2]").appName("EvalCommandTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
    // A patch dataset directory as prep writes it: patches/split=<split>/part-*.parquet.
    Dataset<Row> val = run.frame(spark, 2);
    Dataset<Row> train = run.frame(spark, 1).limit(5)
        .withColumn("image_id", functions.concat(functions.lit("train-"), functions.col("label")))
        .withColumn("split", functions.lit("train"));
    dataset = dir.resolve("dataset");
    val.union(train).write().partitionBy("split").parquet(dataset.resolve("patches").toString());
  }

  @AfterAll
  static void tearDown() {
    spark.stop();
  }

  /** Runs the CLI; returns exit code, stdout and stderr. */
  private static String[] eval(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      String[] all = new String[args.length + 1];
      all[0] = "eval";
      System.arraycopy(args, 0, all, 1, args.length);
      int code = ReorderCli.run(all);
      return new String[] {Integer.toString(code), o.toString(StandardCharsets.UTF_8),
          e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void evaluatesTheValSplitAndWritesPredictionsAndMetrics() throws Exception {
    Path out = dir.resolve("eval-out");
    String[] r = eval("--model", run.runDir.toString(), "--input", dataset.toString(),
        "--output", out.toString(), "--batch-size", "4", "--master", "local[2]");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("20 images: top-1"), r[1]);

    Dataset<Row> predictions = spark.read().parquet(out.resolve("predictions").toString());
    assertEquals(20, predictions.count());
    assertTrue(List.of(predictions.columns()).containsAll(
        List.of("image_id", "label", "prediction", "probability", "top5", "loss")));
    assertTrue(!List.of(predictions.columns()).contains("patches"));

    JsonNode m = new ObjectMapper().readTree(Files.readString(out.resolve("metrics.json")));
    int right1 = 0;
    int right5 = 0;
    for (int i = 0; i < 20; i++) {
      right1 += reference.output().top1()[i] ? 1 : 0;
      right5 += reference.output().top5()[i] ? 1 : 0;
    }
    assertEquals(20, m.get("images").asInt());
    assertEquals(right1 / 20.0, m.get("top1").asDouble(), 1e-12);
    assertEquals(right5 / 20.0, m.get("top5").asDouble(), 1e-12);
    assertEquals(reference.output().meanLoss(), m.get("loss").asDouble(), 1e-5);
    assertTrue(m.get("top1_se").asDouble() >= 0);
    assertEquals("val", m.get("split").asText());
    int[] order = new ObjectMapper().convertValue(m.get("order"), int[].class);
    assertArrayEquals(reference.order().toArray(), order);
  }

  @Test
  void evaluatesAnotherSplitWithoutOutput() {
    String[] r = eval("--model", run.runDir.toString(), "--input", dataset.toString(),
        "--split", "train", "--order", "row");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("5 images: top-1"), r[1]);
  }

  @Test
  void badArgumentsNameTheOption() throws Exception {
    String[] missing = eval("--model", dir.resolve("nowhere").toString(), "--input",
        dataset.toString());
    assertEquals("2", missing[0]);
    assertTrue(missing[2].contains("--model: modelDir"), missing[2]);

    String[] split = eval("--model", run.runDir.toString(), "--input", dataset.toString(),
        "--split", "test");
    assertEquals("2", split[0]);
    assertTrue(split[2].contains("--split test: the input has no rows of that split"), split[2]);

    String[] order = eval("--model", run.runDir.toString(), "--input", dataset.toString(),
        "--order", "zigzag");
    assertEquals("2", order[0]);
    assertTrue(order[2].contains("--order zigzag"), order[2]);

    Files.createDirectories(dir.resolve("taken"));
    String[] taken = eval("--model", run.runDir.toString(), "--input", dataset.toString(),
        "--output", dir.resolve("taken").toString());
    assertEquals("2", taken[0]);
    assertTrue(taken[2].contains("--output " + dir.resolve("taken") + " already exists"),
        taken[2]);

    assertEquals("2", eval("--input", dataset.toString())[0]);
  }

  @Test
  void patchesOfAnotherGridAreRefusedBeforeAnyTask() {
    Path other = dir.resolve("other-grid");
    run.frame(spark, 2).withColumn("grid_rows", functions.lit(7)).withColumn("grid_cols",
        functions.lit(7)).write().parquet(other.toString());
    String[] r = eval("--model", run.runDir.toString(), "--input", other.toString(),
        "--master", "local[2]");
    assertEquals("2", r[0], r[2]);
    assertEquals(1, r[2].strip().split("\n").length, r[2]);
    assertTrue(r[2].startsWith("reorder eval: --input " + other + " holds 7x7 grids of "), r[2]);
    assertTrue(r[2].contains("prepare the input with its --image-size"), r[2]);
  }
}
