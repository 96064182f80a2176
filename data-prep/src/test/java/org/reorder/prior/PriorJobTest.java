package org.reorder.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchDatasetInfo;
import org.reorder.patch.PatchFormat;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.Patchifier;
import org.reorder.patch.TransformSettings;
import org.reorder.prep.PatchTables;
import org.reorder.testing.SparkTestSession;

/**
 * The prior job on horizontal-stripe images (stripes 5 pixels high, each a random color, every
 * pixel with +-2 noise): patches along a row look alike, so in pixels row order must compress
 * better than column order. (Tokens do not share that ranking here: the columns of an image that
 * does not change along x carry identical codes, so column order is one block repeated, which LZMA
 * codes as a single long match; the test checks the token statistics for consistency only.)
 */
class PriorJobTest {
  private static final TransformSettings T = new TransformSettings(0, 64, 8, 3, "whole", 0);
  @TempDir static Path tmp;
  static SparkSession spark;
  static String dataset;
  static final List<byte[]> TENSORS = new ArrayList<>();
  static PriorResult result;

  @BeforeAll
  static void scoreStripes() throws IOException {
    spark = SparkTestSession.get();
    dataset = tmp.resolve("stripes").toString();
    PatchGrid grid = T.grid();
    Random rnd = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      byte[] img = new byte[64 * 64 * 3];
      int[] color = new int[3];
      for (int y = 0; y < 64; y++) {
        for (int k = 0; y % 5 == 0 && k < 3; k++) {
          color[k] = 2 + rnd.nextInt(252);
        }
        for (int x = 0; x < 64; x++) {
          for (int k = 0; k < 3; k++) {
            img[(y * 64 + x) * 3 + k] = (byte) (color[k] + rnd.nextInt(5) - 2);
          }
        }
      }
      byte[] patches = Patchifier.patchify(img, grid);
      TENSORS.add(patches);
      rows.add(
          RowFactory.create(
              "img" + i, "mem:" + i, i % 2, "c" + i % 2, "train", 8, 8, 8, 3, patches));
    }
    PatchTables.write(
        spark.createDataFrame(rows, PatchTables.PATCH_SCHEMA),
        dataset + "/" + PatchFormat.PATCHES_DIR,
        100,
        64L << 20);
    Files.writeString(
        Path.of(PatchFormat.sidecar(dataset)),
        PatchDatasetInfo.of(
                "test",
                List.of("c0", "c1"),
                T,
                Map.of("train", new PatchDatasetInfo.SplitCounts(10, 0)))
            .toJson());
    result =
        PriorJob.run(
            options(List.of("row", "column", "hilbert", "spiral"), "least"),
            spark,
            new PrintStream(new ByteArrayOutputStream()));
  }

  static PriorOptions options(List<String> orders, String rule) {
    return new PriorOptions(
        dataset,
        tmp.resolve("prior-" + rule).toString(),
        "train",
        orders,
        List.of("pixels", "tokens"),
        8,
        10,
        4,
        0,
        rule,
        null,
        6,
        200,
        42);
  }

  @Test
  void rowOrderCompressesBetterThanColumnOrderOnHorizontalStripes() {
    OrderStats row = result.stats("pixels", "row");
    OrderStats column = result.stats("pixels", "column");
    assertTrue(row.mean() > column.mean(), "row " + row + " column " + column);
    assertTrue(row.ciLow() > column.ciHigh(), "intervals overlap: " + row + " " + column);
    assertTrue(row.rank() < column.rank());
    for (String m : List.of("pixels", "tokens-unigram", "tokens-bigram")) {
      List<OrderStats> ranked =
          result.stats().stream()
              .filter(s -> s.measure().equals(m))
              .sorted(Comparator.comparingInt(OrderStats::rank))
              .toList();
      assertEquals(4, ranked.size(), m);
      for (int i = 0; i < ranked.size(); i++) {
        OrderStats s = ranked.get(i);
        assertEquals(i + 1, s.rank(), m);
        assertTrue(i == 0 || ranked.get(i - 1).mean() >= s.mean(), m + " ranks by mean");
        assertTrue(s.ciLow() <= s.mean() && s.mean() <= s.ciHigh(), m + " " + s);
        assertEquals(10, s.images(), m);
      }
    }
  }

  @Test
  void chosenPriorFollowsTheRule() throws IOException {
    for (String m : result.priorByMeasure().keySet()) {
      String least =
          result.stats().stream()
              .filter(s -> s.measure().equals(m))
              .min(Comparator.comparingDouble(OrderStats::mean))
              .orElseThrow()
              .order();
      assertEquals(least, result.priorByMeasure().get(m), m);
    }
    assertNotEquals("row", result.priorByMeasure().get("pixels"));
    assertEquals("tokens-bigram", result.measure());
    assertEquals(result.priorByMeasure().get("tokens-bigram"), result.prior());
    PriorOptions most =
        new PriorOptions(
            dataset,
            tmp.resolve("prior-most").toString(),
            "train",
            List.of("row", "column"),
            List.of("pixels"),
            8,
            10,
            4,
            0,
            "most",
            null,
            6,
            200,
            42);
    PriorResult mostResult =
        PriorJob.run(most, spark, new PrintStream(new ByteArrayOutputStream()));
    assertEquals("pixels", mostResult.measure());
    assertEquals("row", mostResult.prior());
  }

  @Test
  void perImagePixelScoresMatchTheScorerDirectly() {
    Row r =
        spark
            .read()
            .parquet(tmp.resolve("prior-least").resolve(PriorJob.PER_IMAGE).toString())
            .where("image_id = 'img3' AND order = 'column' AND measure = 'pixels'")
            .first();
    Permutation column = org.reorder.order.Orders.resolve("column", 8, 8, 42);
    Compression direct =
        new LzmaScorer(LzmaSettings.ofPreset(6))
            .score(PixelSerializer.serialize(TENSORS.get(3), 192, column));
    assertEquals(direct.compressedBytes(), r.<Integer>getAs("compressed_bytes"));
    assertEquals(direct.reductionPercent(), r.<Double>getAs("reduction_pct"), 1e-12);
  }

  @Test
  void outputsAreWritten() throws IOException {
    String json = Files.readString(tmp.resolve("prior-least").resolve(PriorJob.PRIOR_JSON));
    assertTrue(json.contains("\"preset\" : 6") && json.contains("\"prior\" : "), json);
    assertEquals(
        12,
        spark
            .read()
            .parquet(tmp.resolve("prior-least").resolve(PriorJob.SUMMARY).toString())
            .count());
  }

  @Test
  void unknownOrderFailsBeforeAnyWork() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PriorJob.run(options(List.of("row", "zigzag"), "bogus-dir"), spark, System.out));
    assertTrue(e.getMessage().contains("--rule"), e.getMessage());
    PriorOptions bad =
        new PriorOptions(
            dataset,
            tmp.resolve("never").toString(),
            "train",
            List.of("row", "zigzag"),
            List.of("pixels"),
            16,
            10,
            10,
            0,
            "least",
            null,
            6,
            10,
            1);
    e = assertThrows(IllegalArgumentException.class, () -> PriorJob.run(bad, spark, System.out));
    assertTrue(
        e.getMessage().contains("zigzag") && e.getMessage().contains("hilbert"), e.getMessage());
    assertTrue(Files.notExists(tmp.resolve("never")));
  }
}
