package org.reorder.patch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes patch-tensor Parquet datasets for tests with Parquet's own example writer, in the layout
 * and schema `reorder prep` writes (Spark's nullable columns), with a chosen row-group size so tests
 * get many row groups from few images.
 */
public final class PatchDatasetWriter {
  /** The schema Spark writes for the patch table (without the partition column). */
  public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message spark_schema { optional binary image_id (STRING); optional binary source_path"
          + " (STRING); optional int32 label; optional binary label_name (STRING); optional"
          + " int32 grid_rows; optional int32 grid_cols; optional int32 patch_size; optional"
          + " int32 channels; optional binary patches; }");

  private final Path dir;
  private final TransformSettings transform;
  private final List<String> classes;
  private final Map<String, PatchDatasetInfo.SplitCounts> splits = new HashMap<>();
  private long rowGroupBytes = 128L << 20;

  /** A dataset at {@code dir} of square images of {@code side} pixels cut into patches. */
  public PatchDatasetWriter(Path dir, int side, int patchSize, int channels, List<String> classes) {
    this.dir = dir;
    this.transform = new TransformSettings(0, side, patchSize, channels, "whole", 0);
    this.classes = List.copyOf(classes);
  }

  /** Row groups close after about this many bytes (Parquet's block size). */
  public PatchDatasetWriter rowGroupBytes(long bytes) {
    this.rowGroupBytes = bytes;
    return this;
  }

  /** The grid of every image. */
  public PatchGrid grid() {
    return transform.grid();
  }

  /**
   * Writes split {@code split} as files {@code part-<f>.parquet} with {@code rowsPerFile[f]} rows
   * each; row {@code i} (counting across files) is {@code rows.apply(i)}; updates the sidecar.
   */
  public void writeSplit(String split, int[] rowsPerFile, IntFunction<ImageRow> rows)
      throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    int i = 0;
    for (int f = 0; f < rowsPerFile.length; f++) {
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(
          PatchFormat.splitDir(dir.toString(), split) + "/part-" + f + ".parquet");
      try (ParquetWriter<Group> w = ExampleParquetWriter.builder(file).withType(SCHEMA)
          .withConf(new Configuration()).withRowGroupSize(rowGroupBytes)
          .withMinRowCountForPageSizeCheck(1).withMaxRowCountForPageSizeCheck(8)
          .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
        for (int r = 0; r < rowsPerFile[f]; r++, i++) {
          ImageRow row = rows.apply(i);
          PatchGrid g = grid();
          w.write(groups.newGroup().append("image_id", row.imageId())
              .append("source_path", "/src/" + row.imageId() + ".jpg")
              .append("label", row.label())
              .append("label_name", classes.get(row.label()))
              .append("grid_rows", g.rows()).append("grid_cols", g.cols())
              .append("patch_size", g.patchSize()).append("channels", g.channels())
              .append("patches", Binary.fromConstantByteArray(row.patches())));
        }
      }
    }
    splits.put(split, new PatchDatasetInfo.SplitCounts(i, 0));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(PatchFormat.SIDECAR),
        PatchDatasetInfo.of("test", classes, transform, splits).toJson());
  }

  /** Row {@code i} of a deterministic random dataset: id {@code img<i>}, label {@code i % k}. */
  public ImageRow randomRow(int i) {
    byte[] t = new byte[grid().tensorBytes()];
    new java.util.Random(i * 7919L + 17).nextBytes(t);
    return new ImageRow("img" + i, i % classes.size(), t);
  }
}
