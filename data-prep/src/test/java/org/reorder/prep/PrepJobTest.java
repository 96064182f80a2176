package org.reorder.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.dataset.DatasetKind;
import org.reorder.dataset.SourceSpec;
import org.reorder.dataset.synthetic.GenerateOptions;
import org.reorder.dataset.synthetic.SyntheticGenerator;
import org.reorder.image.ImageDecoder;
import org.reorder.image.ImageTransformer;
import org.reorder.image.TestImages;
import org.reorder.patch.PatchBatch;
import org.reorder.patch.PatchFormat;
import org.reorder.data.StoredOrderBatches;
import org.reorder.patch.ParquetSplit;
import org.reorder.patch.PatchDatasetInfo;
import org.reorder.patch.SplitIndex;
import org.reorder.patch.TransformSettings;
import org.reorder.testing.SparkTestSession;

/**
 * The prep job end to end on a generated dataset plus every quirk and bad file: counts per
 * quarantine reason, nothing lost, Parquet round trip against direct decoding, idempotent rerun.
 */
class PrepJobTest {
  private static final TransformSettings T = new TransformSettings(0, 32, 8, 3, "whole", 0);
  @TempDir static Path tmp;
  static SparkSession spark;
  static Path input;
  static PrepSummary first;
  static String output;

  @BeforeAll
  static void prepareOnce() throws IOException {
    spark = SparkTestSession.get();
    input = tmp.resolve("in");
    SyntheticGenerator.generate(
        new GenerateOptions("imagenet", input.toString(), 4, 3, 32, 11), new Configuration());
    Path cls = input.resolve("train/arrangement_00");
    byte[] good = TestImages.jpeg(TestImages.quadrants(40, 36));
    // Quirks that must decode.
    try (InputStream in = PrepJobTest.class.getResourceAsStream("/images/cmyk-quadrants.jpg")) {
      Files.write(cls.resolve("q_cmyk.JPEG"), in.readAllBytes());
    }
    Files.write(cls.resolve("q_png_named.JPEG"), TestImages.png(TestImages.quadrants(32, 32)));
    BufferedImage gray = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
    Files.write(cls.resolve("q_gray.JPEG"), TestImages.jpeg(gray));
    Files.write(
        cls.resolve("q_16bit.JPEG"),
        TestImages.png(new BufferedImage(33, 32, BufferedImage.TYPE_USHORT_GRAY)));
    Files.write(cls.resolve("q_exif.JPEG"), TestImages.withOrientation(good, 6));
    // Bad files, one per reason.
    Files.write(cls.resolve("b_empty.JPEG"), new byte[0]);
    Files.write(cls.resolve("b_truncated.JPEG"), Arrays.copyOf(good, good.length / 2));
    byte[] corrupt = good.clone();
    Arrays.fill(corrupt, 3, corrupt.length - 2, (byte) 0x5A);
    Files.write(cls.resolve("b_corrupt.JPEG"), corrupt);
    Files.write(cls.resolve("b_text.JPEG"), "not an image".getBytes());
    Files.write(cls.resolve("b_small.JPEG"), TestImages.jpeg(TestImages.quadrants(16, 40)));
    byte[] bomb = TestImages.png(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY));
    bomb[18] = 0x7F; // IHDR width 1 -> 0x7F0001
    bomb[22] = 0x7F; // IHDR height 1 -> 0x7F0001
    Files.write(cls.resolve("b_bomb.JPEG"), bomb);
    // A val image whose class folder is not a train class.
    Files.createDirectories(input.resolve("val/stray_class"));
    Files.write(input.resolve("val/stray_class/b_stray.JPEG"), good);
    output = tmp.resolve("out").toString();
    first = PrepJob.run(options(output), spark, new PrintStream(new ByteArrayOutputStream()));
  }

  static PrepOptions options(String out) {
    return new PrepOptions(
        SourceSpec.of(DatasetKind.SYNTHETIC, input.toString()),
        out,
        T,
        5,
        ImageDecoder.DEFAULT_MAX_PIXELS,
        3);
  }

  @Test
  void quarantinesEveryBadFileWithItsReasonAndLosesNothing() {
    SplitSummary train = first.splits().get("train");
    assertEquals(12 + 5 + 6, train.read());
    assertEquals(12 + 5, train.written());
    assertEquals(
        Map.of(
            "corrupt",
            1L,
            "decompression-bomb",
            1L,
            "empty-file",
            1L,
            "too-small",
            1L,
            "truncated",
            1L,
            "unknown-format",
            1L),
        withoutZeros(train.byReason()));
    SplitSummary val = first.splits().get("val");
    assertEquals(3 + 1, val.read());
    assertEquals(3, val.written());
    assertEquals(Map.of("unknown-label", 1L), val.byReason());
    assertTrue(train.balanced() && val.balanced());

    Dataset<Row> q = spark.read().parquet(output + "/" + PatchFormat.QUARANTINE_DIR);
    assertEquals(7, q.count());
    List<Row> stray = q.where("reason = 'unknown-label'").collectAsList();
    assertEquals("val", stray.get(0).getAs("split"));
    assertTrue(stray.get(0).<String>getAs("source_path").endsWith("b_stray.JPEG"));
  }

  private static Map<String, Long> withoutZeros(Map<String, Long> m) {
    Map<String, Long> out = new HashMap<>(m);
    out.values().removeIf(v -> v == 0);
    return out;
  }

  @Test
  void patchesReadBackWithoutSparkEqualDirectDecoding() throws Exception {
    ImageTransformer transformer = new ImageTransformer(T);
    ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
    int seen = 0;
    Configuration conf = new Configuration();
    PatchDatasetInfo info = PatchDatasetInfo.read(output, conf);
    assertEquals(List.of("arrangement_00", "arrangement_01", "arrangement_02"), info.classes());
    assertEquals(T, info.transform());
    SplitIndex index = SplitIndex.read(output, "train", 0, conf);
    assertTrue(index.groups() >= 4, "shards of at most 5 rows: " + index.groups() + " groups");
    try (StoredOrderBatches r = new StoredOrderBatches(new ParquetSplit(index, conf), 4)) {
      for (PatchBatch b : r) {
        for (int i = 0; i < b.size(); i++, seen++) {
          String id = b.imageIds()[i];
          String cls = id.startsWith("q_") ? "arrangement_00" : id.substring(0, 14);
          assertEquals(Integer.parseInt(cls.substring(12)), b.labels()[i], id);
          byte[] file = Files.readAllBytes(input.resolve("train/" + cls + "/" + id + ".JPEG"));
          assertArrayEquals(transformer.patches(decoder.decode(file), null), b.image(i), id);
        }
      }
    }
    assertEquals(17, seen);
  }

  @Test
  void rerunOnTheSameOutputReplacesInsteadOfDuplicating() throws IOException {
    String out = tmp.resolve("rerun").toString();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    PrepSummary a = PrepJob.run(options(out), spark, quiet);
    PrepSummary b = PrepJob.run(options(out), spark, quiet);
    assertEquals(a.splits(), b.splits());
    Dataset<Row> rows = spark.read().parquet(out + "/" + PatchFormat.PATCHES_DIR);
    assertEquals(a.written(), rows.count());
    assertEquals(a.written(), rows.select("split", "image_id").distinct().count());
    assertEquals(
        a.quarantined(), spark.read().parquet(out + "/" + PatchFormat.QUARANTINE_DIR).count());
    // The same rows in the same order as the first run's output (a seeded order).
    assertEquals(storedOrder(output), storedOrder(out));
  }

  /**
   * Rows are written in a seeded random order, so files and row groups mix the classes (listed
   * in class order, 17 train rows of 3 classes would change class at most twice).
   */
  @Test
  void rowsAreWrittenInAShuffledOrderThatMixesTheClasses() throws IOException {
    List<String> ids = storedOrder(output);
    assertEquals(17, ids.size());
    int changes = 0;
    for (int i = 1; i < ids.size(); i++) {
      changes += classOf(ids.get(i)).equals(classOf(ids.get(i - 1))) ? 0 : 1;
    }
    assertTrue(changes >= 6, changes + " class changes in " + ids);
  }

  private static String classOf(String imageId) {
    return imageId.startsWith("q_") ? "arrangement_00" : imageId.substring(0, 14);
  }

  /** The train split's image ids in stored order (file by file, row by row). */
  private static List<String> storedOrder(String dataset) throws IOException {
    Configuration conf = new Configuration();
    List<String> ids = new java.util.ArrayList<>();
    try (StoredOrderBatches r = new StoredOrderBatches(
        new ParquetSplit(SplitIndex.read(dataset, "train", 0, conf), conf), 4)) {
      for (PatchBatch b : r) {
        ids.addAll(List.of(b.imageIds()));
      }
    }
    return ids;
  }

  @Test
  void summaryJsonAndSidecarAreWritten() throws IOException {
    String json = Files.readString(Path.of(output, PatchFormat.SUMMARY));
    assertTrue(json.contains("\"decompression-bomb\" : 1"), json);
    String sidecar = Files.readString(Path.of(output, PatchFormat.SIDECAR));
    assertTrue(sidecar.contains("\"formatVersion\" : 1") && sidecar.contains("arrangement_02"));
  }

  @Test
  void badOptionsFailBeforeAnyWork() {
    String out = tmp.resolve("never").toString();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PrepJob.run(
                    PrepOptions.of(
                        SourceSpec.of(DatasetKind.IMAGENET, tmp.resolve("missing").toString()),
                        out),
                    spark,
                    quiet));
    assertTrue(e.getMessage().contains("--input not found"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DatasetKind.fromName("cifar"));
    assertTrue(e.getMessage().contains("fashion-mnist"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TransformSettings(256, 224, 30, 3, "whole", 0));
    assertTrue(e.getMessage().contains("--patch-size 30"), e.getMessage());
    assertTrue(Files.notExists(Path.of(out)));
  }
}
