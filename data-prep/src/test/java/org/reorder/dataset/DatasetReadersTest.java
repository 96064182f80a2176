package org.reorder.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.dataset.synthetic.GenerateOptions;
import org.reorder.dataset.synthetic.SyntheticGenerator;
import org.reorder.image.ImageDecoder;
import org.reorder.image.Pixels;
import org.reorder.image.TestImages;
import org.reorder.testing.SparkTestSession;

/** Every reader as a Spark source: labels, metadata, problems, on small trees made here. */
class DatasetReadersTest {
  @TempDir Path tmp;
  static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  private Map<String, Row> rowsById(SourceSpec spec) throws IOException {
    Map<String, Row> out = new HashMap<>();
    for (Row r : ImageSources.read(spark, spec).collectAsList()) {
      out.put(r.getAs("image_id"), r);
    }
    return out;
  }

  @Test
  void imageNetFoldersAndFlatValWithSolutionCsv() throws IOException {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(8, 8));
    Path root = tmp.resolve("imagenet");
    for (String f :
        List.of(
            "train/n02/b.JPEG", "train/n01/a.JPEG", "val/v1.JPEG", "val/v2.JPEG", "val/v3.JPEG")) {
      Files.createDirectories(root.resolve(f).getParent());
      Files.write(root.resolve(f), jpeg);
    }
    Files.writeString(
        root.resolve(ImageNetLister.VAL_SOLUTION),
        "ImageId,PredictionString\nv1,n02 1 2 3 4 n02 5 6 7 8\nv2,n99 1 2 3 4\n");
    Map<String, Row> rows = rowsById(SourceSpec.of(DatasetKind.IMAGENET, root.toString()));
    assertEquals(5, rows.size());
    assertEquals(0, (int) rows.get("a").getAs("label"));
    assertEquals(1, (int) rows.get("b").getAs("label"));
    assertEquals(1, (int) rows.get("v1").getAs("label"));
    assertEquals("val", rows.get("v1").getAs("split"));
    assertArrayEquals(jpeg, rows.get("v1").getAs("content"));
    assertNull(rows.get("v1").getAs("problem"));
    assertEquals("unknown-label", rows.get("v2").getAs("problem"));
    assertEquals("n99", rows.get("v2").getAs("label_name"));
    assertEquals("unknown-label", rows.get("v3").getAs("problem"));

    Files.writeString(tmp.resolve("map.txt"), "n02 second class\nn01 first class\n");
    rows =
        rowsById(
            new SourceSpec(
                DatasetKind.IMAGENET,
                root.toString(),
                List.of("train"),
                tmp.resolve("map.txt").toString(),
                null,
                Map.of()));
    assertEquals(2, rows.size());
    assertEquals(1, (int) rows.get("a").getAs("label"));
    assertEquals(0, (int) rows.get("b").getAs("label"));
  }

  /** `reorder demo` passes its input relative to the working directory. */
  @Test
  void imageNetInputRelativeToTheWorkingDirectory() throws IOException {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(8, 8));
    Path root = tmp.resolve("relative");
    for (String f : List.of("train/n02/b.JPEG", "train/n01/a.JPEG")) {
      Files.createDirectories(root.resolve(f).getParent());
      Files.write(root.resolve(f), jpeg);
    }
    String relative = Path.of("").toAbsolutePath().relativize(root).toString();
    Map<String, Row> rows = rowsById(SourceSpec.of(DatasetKind.IMAGENET, relative));
    assertEquals(2, rows.size());
    assertEquals(0, (int) rows.get("a").getAs("label"));
    assertEquals(1, (int) rows.get("b").getAs("label"));
  }

  @Test
  void flatValWithoutCsvIsAClearErrorBeforeReading() throws IOException {
    Path root = tmp.resolve("flat");
    Files.createDirectories(root.resolve("val"));
    Files.write(root.resolve("val/x.JPEG"), new byte[] {1});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ImageSources.list(
                    SourceSpec.of(DatasetKind.IMAGENET, root.toString()), new Configuration()));
    assertTrue(e.getMessage().contains("--class-map"), e.getMessage());
  }

  @Test
  void fmowReadsJsonBoxesAndFlagsMissingOrMalformedMetadata() throws IOException {
    Path root = tmp.resolve("fmow");
    SyntheticGenerator.generate(
        new GenerateOptions("fmow", root.toString(), 2, 2, 16, 3), new Configuration());
    Path inst = root.resolve("train/arrangement_00/arrangement_00_train0");
    String json = Files.readString(inst.resolve("arrangement_00_train0_0_rgb.json"));
    Files.delete(inst.resolve("arrangement_00_train0_0_rgb.json"));
    Path other = root.resolve("train/arrangement_01/arrangement_01_train1");
    Files.writeString(other.resolve("arrangement_01_train1_0_rgb.json"), "{\"bounding_boxes\": [");
    Map<String, Row> rows = rowsById(SourceSpec.of(DatasetKind.FMOW, root.toString()));
    assertEquals(2 * 2 + 2 * 1, rows.size());
    assertEquals("missing-metadata", rows.get("arrangement_00_train0_0").getAs("problem"));
    assertEquals("malformed-metadata", rows.get("arrangement_01_train1_0").getAs("problem"));
    Row good = rows.get("arrangement_00_train1_0");
    assertNull(good.getAs("problem"));
    assertEquals(0, (int) good.getAs("label"));
    int[] box = SourceReader.firstBox(good.getAs("metadata"));
    assertEquals(List.of(box[0], box[1], box[2], box[3]), good.getList(good.fieldIndex("bbox")));
    assertEquals(16, box[2]);
    assertTrue(json.contains("\"box\""));

    Files.writeString(tmp.resolve("train.txt"), "arrangement_01/arrangement_01_train0\n");
    rows =
        rowsById(
            new SourceSpec(
                DatasetKind.FMOW,
                root.toString(),
                List.of("train"),
                null,
                null,
                Map.of("train", tmp.resolve("train.txt").toString())));
    assertEquals(List.of("arrangement_01_train0_0"), List.copyOf(rows.keySet()));
  }

  @Test
  void fashionMnistIdxFilesGzippedOrNot() throws Exception {
    Path dir = tmp.resolve("fashion");
    Files.createDirectories(dir);
    byte[][] images = new byte[3][28 * 28];
    for (int i = 0; i < 3; i++) {
      for (int p = 0; p < 28 * 28; p++) {
        images[i][p] = (byte) (p * (i + 1));
      }
    }
    writeIdx(
        dir.resolve("train-images-idx3-ubyte.gz"),
        true,
        2051,
        new int[] {3, 28, 28},
        concat(images));
    writeIdx(
        dir.resolve("train-labels-idx1-ubyte.gz"), true, 2049, new int[] {3}, new byte[] {9, 0, 3});
    writeIdx(dir.resolve("t10k-images-idx3-ubyte"), false, 2051, new int[] {1, 28, 28}, images[2]);
    writeIdx(dir.resolve("t10k-labels-idx1-ubyte"), false, 2049, new int[] {1}, new byte[] {7});
    Map<String, Row> rows = rowsById(SourceSpec.of(DatasetKind.FASHION_MNIST, dir.toString()));
    assertEquals(4, rows.size());
    assertEquals(9, (int) rows.get("train-00000").getAs("label"));
    assertEquals("Ankle boot", rows.get("train-00000").getAs("label_name"));
    assertEquals("Sneaker", rows.get("test-00000").getAs("label_name"));
    Pixels decoded = new ImageDecoder(1000).decode(rows.get("train-00001").getAs("content"));
    assertEquals(1, decoded.channels());
    assertArrayEquals(images[1], decoded.data());
  }

  private static byte[] concat(byte[][] parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static void writeIdx(Path file, boolean gz, int magic, int[] dims, byte[] data)
      throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream os = gz ? new GZIPOutputStream(raw) : raw;
        DataOutputStream out = new DataOutputStream(os)) {
      out.writeInt(magic);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(data);
    }
  }
}
