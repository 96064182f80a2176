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

  /** The seed of the order rows are written in ({@code PrepJob.shuffled}). */
  static final long ROW_ORDER_SEED = 0x5EED_0F_0DDL;
  /**
   * Images per decoding task, and so per output file, when {@code --partitions} is 0: at 224 px
   * and p16 (150,528 bytes a row before zstd) a file of 512 rows holds one row group of roughly
   * 50-75 MB.
   */
  static final int IMAGES_PER_TASK = 512;
  /** Parquet's {@code parquet.block.size} when the Hadoop configuration sets none: 64 MB. */
  static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;
  static final String ROW_GROUP_BYTES_KEY = "parquet.block.size";

  private PatchTables() {}

  /** Decoding tasks for {@code images} images: about {@link #IMAGES_PER_TASK} each. */
  static int defaultTasks(int images, int defaultParallelism) {
    return Math.max(defaultParallelism, (images + IMAGES_PER_TASK - 1) / IMAGES_PER_TASK);
  }

  /**
   * The row-group size to write: {@code parquet.block.size} from {@code conf} (set it with
   * {@code --conf spark.hadoop.parquet.block.size=BYTES}), else {@link #DEFAULT_ROW_GROUP_BYTES}.
   */
  static long rowGroupBytes(org.apache.hadoop.conf.Configuration conf) {
    return conf.getLong(ROW_GROUP_BYTES_KEY, DEFAULT_ROW_GROUP_BYTES);
  }

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
   * Writes {@code rows} partitioned by split with zstd, at most {@code shardRows} rows per file in
   * row groups of at most about {@code rowGroupBytes}, replacing only the splits present (dynamic
   * partition overwrite).
   */
  public static void write(Dataset<Row> rows, String table, int shardRows, long rowGroupBytes) {
    rows.write()
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        .option("compression", "zstd")
        .option("maxRecordsPerFile", shardRows)
        .option(ROW_GROUP_BYTES_KEY, rowGroupBytes)
        .partitionBy(SPLIT)
        .parquet(table);
  }
}
