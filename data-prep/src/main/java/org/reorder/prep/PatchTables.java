package org.reorder.prep;

import static org.reorder.patch.PatchFormat.CHANNELS;
import static org.reorder.patch.PatchFormat.DETAIL;
import static org.reorder.patch.PatchFormat.GRID_COLS;
import static org.reorder.patch.PatchFormat.GRID_ROWS;
import static org.reorder.patch.PatchFormat.IMAGE_ID;
import static org.reorder.patch.PatchFormat.LABEL;
import static org.reorder.patch.PatchFormat.LABEL_NAME;
import static org.reorder.patch.PatchFormat.PATCHES;
import static org.reorder.patch.PatchFormat.PATCH_SIZE;
import static org.reorder.patch.PatchFormat.REASON;
import static org.reorder.patch.PatchFormat.SOURCE_PATH;
import static org.reorder.patch.PatchFormat.SPLIT;

import java.io.IOException;
import java.util.Collection;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Spark schemas and the write rules of the patch and quarantine tables (docs/patch-format.md). */
public final class PatchTables {
  /** One row per image; {@code split} becomes the partition directory. */
  public static final StructType PATCH_SCHEMA =
      new StructType()
          .add(IMAGE_ID, DataTypes.StringType, false)
          .add(SOURCE_PATH, DataTypes.StringType, false)
          .add(LABEL, DataTypes.IntegerType, false)
          .add(LABEL_NAME, DataTypes.StringType, false)
          .add(SPLIT, DataTypes.StringType, false)
          .add(GRID_ROWS, DataTypes.IntegerType, false)
          .add(GRID_COLS, DataTypes.IntegerType, false)
          .add(PATCH_SIZE, DataTypes.IntegerType, false)
          .add(CHANNELS, DataTypes.IntegerType, false)
          .add(PATCHES, DataTypes.BinaryType, false);

  public static final StructType QUARANTINE_SCHEMA =
      new StructType()
          .add(SOURCE_PATH, DataTypes.StringType, false)
          .add(IMAGE_ID, DataTypes.StringType, false)
          .add(SPLIT, DataTypes.StringType, false)
          .add(REASON, DataTypes.StringType, false)
          .add(DETAIL, DataTypes.StringType, true);

  private PatchTables() {}

  /**
   * Removes the partitions of {@code splits} below {@code table}, so that a rerun replaces them
   * (and a split that now has no rows does not keep old ones).
   */
  public static void dropSplits(FileSystem fs, Path table, Collection<String> splits)
      throws IOException {
    for (String split : splits) {
      Path dir = new Path(table, SPLIT + "=" + split);
      if (fs.exists(dir) && !fs.delete(dir, true)) {
        throw new IOException("cannot delete " + dir + " before rewriting it");
      }
    }
  }

  /**
   * Writes {@code rows} partitioned by split with zstd, at most {@code shardRows} rows per file,
   * replacing only the splits present (dynamic partition overwrite).
   */
  public static void write(Dataset<Row> rows, String table, int shardRows) {
    rows.write()
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        .option("compression", "zstd")
        .option("maxRecordsPerFile", shardRows)
        .partitionBy(SPLIT)
        .parquet(table);
  }
}
