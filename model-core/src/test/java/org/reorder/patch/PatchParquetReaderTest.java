package org.reorder.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes patch files with Parquet's own example writer (the Spark-written round trip is tested in
 * data-prep) and reads them back in batches that cross file boundaries.
 */
class PatchParquetReaderTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message spark_schema { optional binary image_id (STRING); optional binary source_path"
              + " (STRING); optional int32 label; optional binary label_name (STRING); optional"
              + " int32 grid_rows; optional int32 grid_cols; optional int32 patch_size; optional"
              + " int32 channels; optional binary patches; }");
  private static final TransformSettings TRANSFORM = new TransformSettings(0, 8, 4, 3, "whole", 0);

  @TempDir java.nio.file.Path dir;

  private List<byte[]> writeDataset(int[] rowsPerFile, int gridRowsOfLast) throws IOException {
    Files.writeString(
        dir.resolve(PatchFormat.SIDECAR),
        PatchDatasetInfo.of("test", List.of("a", "b", "c"), TRANSFORM, Map.of()).toJson());
    Random rnd = new Random(3);
    List<byte[]> tensors = new ArrayList<>();
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    int id = 0;
    for (int f = 0; f < rowsPerFile.length; f++) {
      Path file =
          new Path(PatchFormat.splitDir(dir.toString(), "train") + "/part-" + f + ".parquet");
      try (ParquetWriter<Group> w =
          ExampleParquetWriter.builder(file)
              .withType(SCHEMA)
              .withConf(new Configuration())
              .withCompressionCodec(CompressionCodecName.ZSTD)
              .build()) {
        for (int i = 0; i < rowsPerFile[f]; i++, id++) {
          byte[] t = new byte[TRANSFORM.grid().tensorBytes()];
          rnd.nextBytes(t);
          tensors.add(t);
          boolean last = f == rowsPerFile.length - 1 && i == rowsPerFile[f] - 1;
          w.write(
              groups
                  .newGroup()
                  .append("image_id", "img" + id)
                  .append("source_path", "/src/img" + id + ".jpg")
                  .append("label", id % 3)
                  .append("label_name", "abc".substring(id % 3, id % 3 + 1))
                  .append("grid_rows", last ? gridRowsOfLast : 2)
                  .append("grid_cols", 2)
                  .append("patch_size", 4)
                  .append("channels", 3)
                  .append("patches", Binary.fromConstantByteArray(t)));
        }
      }
    }
    return tensors;
  }

  @Test
  void streamsAllRowsInFileOrderAcrossFiles() throws IOException {
    List<byte[]> tensors = writeDataset(new int[] {3, 4}, 2);
    List<PatchBatch> batches = new ArrayList<>();
    try (PatchParquetReader r = PatchParquetReader.open(dir.toString(), "train", 5)) {
      assertEquals(2, r.files().size());
      r.forEachRemaining(batches::add);
      assertFalse(r.hasNext());
    }
    assertEquals(2, batches.size());
    assertEquals(5, batches.get(0).size());
    assertEquals(2, batches.get(1).size());
    int id = 0;
    for (PatchBatch b : batches) {
      assertEquals(4, b.numPatches());
      assertEquals(48, b.patchDim());
      for (int i = 0; i < b.size(); i++, id++) {
        assertEquals("img" + id, b.imageIds()[i]);
        assertEquals(id % 3, b.labels()[i]);
        assertArrayEquals(tensors.get(id), b.image(i));
      }
    }
    assertEquals(7, id);
  }

  @Test
  void rowWithAnotherGridFailsNamingFileAndImage() throws IOException {
    writeDataset(new int[] {2}, 1);
    try (PatchParquetReader r = PatchParquetReader.open(dir.toString(), "train", 8)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, r::next);
      assertTrue(
          e.getMessage().contains("part-0.parquet") && e.getMessage().contains("img1"),
          e.getMessage());
    }
  }

  @Test
  void missingSidecarOrSplitIsAClearError() throws IOException {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PatchParquetReader.open(dir.toString(), "train", 8));
    assertTrue(e.getMessage().contains(PatchFormat.SIDECAR), e.getMessage());
    writeDataset(new int[] {1}, 2);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PatchParquetReader.open(dir.toString(), "val", 8));
    assertTrue(e.getMessage().contains("split 'val'"), e.getMessage());
  }
}
