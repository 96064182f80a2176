package org.reorder.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The footer index of a split, and the row groups read through it. */
class SplitIndexTest {
  private static final Configuration CONF = new Configuration();
  @TempDir Path dir;

  private PatchDatasetWriter writer() {
    // 8x8 RGB in 4x4 patches: 192 bytes a row; 1 KB row groups hold a handful of rows
    return new PatchDatasetWriter(dir, 8, 4, 3, List.of("a", "b", "c")).rowGroupBytes(1024);
  }

  private SplitIndex index(long limit) throws IOException {
    return SplitIndex.read(dir.toString(), "train", limit, CONF);
  }

  @Test
  void countsEveryRowGroupOfEveryFileFromTheFootersAlone() throws IOException {
    PatchDatasetWriter w = writer();
    w.writeSplit("train", new int[] {40, 25}, w::randomRow);
    SplitIndex index = index(0);
    assertEquals(65, index.totalRows());
    assertTrue(index.groups() > 4, "groups: " + index.groups());
    // Brute force: the footers of the two files, as Parquet reports them.
    int g = 0;
    for (int f = 0; f < 2; f++) {
      String file = PatchFormat.splitDir(dir.toString(), "train") + "/part-" + f + ".parquet";
      try (ParquetFileReader r = ParquetFileReader.open(
          HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file), CONF))) {
        for (int k = 0; k < r.getRowGroups().size(); k++, g++) {
          assertEquals(r.getRowGroups().get(k).getRowCount(), index.rows(g));
          assertEquals(k, index.groupInFile(g));
          assertTrue(index.file(g).endsWith("part-" + f + ".parquet"), index.file(g));
        }
      }
    }
    assertEquals(index.groups(), g);
  }

  @Test
  void readsEachGroupsRowsInStoredOrder() throws IOException {
    PatchDatasetWriter w = writer();
    w.writeSplit("train", new int[] {13, 9}, w::randomRow);
    ParquetSplit split = new ParquetSplit(index(0), CONF);
    int i = 0;
    for (int g = 0; g < split.count(); g++) {
      for (ImageRow row : split.read(g)) {
        ImageRow expected = w.randomRow(i++);
        assertEquals(expected.imageId(), row.imageId());
        assertEquals(expected.label(), row.label());
        assertArrayEquals(expected.patches(), row.patches());
      }
    }
    assertEquals(22, i);
  }

  @Test
  void aLimitKeepsTheFirstImagesInFileAndRowOrder() throws IOException {
    PatchDatasetWriter w = writer();
    w.writeSplit("train", new int[] {13, 9}, w::randomRow);
    SplitIndex index = index(17);
    assertEquals(17, index.totalRows());
    ParquetSplit split = new ParquetSplit(index, CONF);
    List<ImageRow> last = split.read(split.count() - 1);
    assertEquals("img16", last.get(last.size() - 1).imageId());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aTruncatedFileIsNamed(boolean withChecksumFile) throws IOException {
    PatchDatasetWriter w = writer();
    w.writeSplit("train", new int[] {5, 5}, w::randomRow);
    Path file = Path.of(PatchFormat.splitDir(dir.toString(), "train"), "part-1.parquet");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    if (!withChecksumFile) { // as on S3: no Hadoop .crc beside the file to catch it
      Files.delete(file.resolveSibling(".part-1.parquet.crc"));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> index(0));
    assertTrue(e.getMessage().contains("part-1.parquet"), e.getMessage());
  }

  @Test
  void aFileOfAnotherSchemaIsNamedWithTheColumn() throws IOException {
    PatchDatasetWriter w = writer();
    w.writeSplit("train", new int[] {3}, w::randomRow);
    var schema = MessageTypeParser.parseMessageType(
        "message m { optional binary image_id (STRING); optional int32 label; }");
    org.apache.hadoop.fs.Path other = new org.apache.hadoop.fs.Path(
        PatchFormat.splitDir(dir.toString(), "train") + "/part-9.parquet");
    try (ParquetWriter<Group> out = ExampleParquetWriter.builder(other).withType(schema)
        .withConf(CONF).build()) {
      out.write(new SimpleGroupFactory(schema).newGroup().append("image_id", "x")
          .append("label", 0));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> index(0));
    assertTrue(e.getMessage().contains("part-9.parquet") && e.getMessage().contains("grid_"),
        e.getMessage());
  }

  @Test
  void aRowOfAnotherGridIsNamedWithTheFileAndTheImage() throws IOException {
    PatchDatasetWriter w = writer();
    w.writeSplit("train", new int[] {3}, w::randomRow);
    // Overwrite the sidecar with another patch size: every row now disagrees with it.
    Files.writeString(dir.resolve(PatchFormat.SIDECAR), PatchDatasetInfo.of("test",
        List.of("a", "b", "c"), new TransformSettings(0, 8, 2, 3, "whole", 0),
        java.util.Map.of()).toJson());
    ParquetSplit split = new ParquetSplit(index(0), CONF);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> split.read(0));
    assertTrue(e.getMessage().contains("part-0.parquet") && e.getMessage().contains("img0")
        && e.getMessage().contains("patch_size"), e.getMessage());
  }

  @Test
  void aMissingSidecarSplitOrImagesAreClearErrors() throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index(0));
    assertTrue(e.getMessage().contains(PatchFormat.SIDECAR), e.getMessage());
    PatchDatasetWriter w = writer();
    w.writeSplit("train", new int[] {1}, w::randomRow);
    e = assertThrows(IllegalArgumentException.class,
        () -> SplitIndex.read(dir.toString(), "val", 0, CONF));
    assertTrue(e.getMessage().contains("split 'val'"), e.getMessage());
    w.writeSplit("empty", new int[] {0}, w::randomRow);
    e = assertThrows(IllegalArgumentException.class,
        () -> SplitIndex.read(dir.toString(), "empty", 0, CONF));
    assertTrue(e.getMessage().contains("'empty'") && e.getMessage().contains("no images"),
        e.getMessage());
  }
}
