package org.reorder.patch;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Where the images of one split of a patch-tensor Parquet dataset are: its files (in name order),
 * their row groups and each group's row count, read from the Parquet footers alone. A run is
 * planned from this index without reading any image, and it is small (a few numbers per row group:
 * ImageNet-1K at 224 px in 64 MB row groups is about 3,000 groups), so the driver builds it once
 * and ships it to the tasks.
 *
 * <p>Every file's schema is checked here, so a file of another schema fails before training starts,
 * naming the file and the column.
 */
public final class SplitIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The columns training reads, with their Parquet types. */
  static final Map<String, PrimitiveTypeName> COLUMNS = Map.of(
      PatchFormat.IMAGE_ID, PrimitiveTypeName.BINARY,
      PatchFormat.LABEL, PrimitiveTypeName.INT32,
      PatchFormat.GRID_ROWS, PrimitiveTypeName.INT32,
      PatchFormat.GRID_COLS, PrimitiveTypeName.INT32,
      PatchFormat.PATCH_SIZE, PrimitiveTypeName.INT32,
      PatchFormat.CHANNELS, PrimitiveTypeName.INT32,
      PatchFormat.PATCHES, PrimitiveTypeName.BINARY);

  private final String datasetDir;
  private final String split;
  private final PatchGrid grid;
  private final int numClasses;
  private final List<String> files;
  private final int[] fileOfGroup;
  private final int[] groupInFile;
  private final int[] rows;

  private SplitIndex(String datasetDir, String split, PatchGrid grid, int numClasses,
      List<String> files, int[] fileOfGroup, int[] groupInFile, int[] rows) {
    this.datasetDir = datasetDir;
    this.split = split;
    this.grid = grid;
    this.numClasses = numClasses;
    this.files = List.copyOf(files);
    this.fileOfGroup = fileOfGroup;
    this.groupInFile = groupInFile;
    this.rows = rows;
  }

  /**
   * Indexes {@code split} of the dataset at {@code datasetDir} (local, HDFS or s3a://).
   *
   * @param limit keep only the first {@code limit} images in (file, row) order; 0 keeps all
   * @throws IllegalArgumentException if the sidecar or the split is missing, or the split holds no
   *     images, naming the path
   * @throws IllegalStateException if a file is not Parquet (truncated, say) or lacks a column,
   *     naming the file and the column
   * @throws IOException if the storage fails
   */
  public static SplitIndex read(String datasetDir, String split, long limit, Configuration conf)
      throws IOException {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    PatchDatasetInfo info = PatchDatasetInfo.read(datasetDir, conf);
    Path dir = new Path(PatchFormat.splitDir(datasetDir, split));
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      throw new IllegalArgumentException("split '" + split + "' not found: no directory " + dir
          + " (the sidecar lists " + info.splits().keySet() + ")");
    }
    List<FileStatus> parquet = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dir)) {
      if (st.isFile() && st.getPath().getName().endsWith(".parquet")) {
        parquet.add(st);
      }
    }
    parquet.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    List<String> files = new ArrayList<>();
    List<int[]> groups = new ArrayList<>(); // {file, group in file, rows}
    long total = 0;
    for (FileStatus st : parquet) {
      if (limit > 0 && total >= limit) {
        break;
      }
      List<BlockMetaData> blocks = footer(st, conf);
      for (int g = 0; g < blocks.size() && (limit == 0 || total < limit); g++) {
        long n = blocks.get(g).getRowCount();
        if (limit > 0) {
          n = Math.min(n, limit - total);
        }
        if (n > 0) {
          groups.add(new int[] {files.size(), g, Math.toIntExact(n)});
          total += n;
        }
      }
      files.add(st.getPath().toString());
    }
    if (total == 0) {
      throw new IllegalArgumentException("split '" + split + "' of " + datasetDir
          + " holds no images (" + parquet.size() + " Parquet files under " + dir + ")");
    }
    int[] fileOf = new int[groups.size()];
    int[] inFile = new int[groups.size()];
    int[] rows = new int[groups.size()];
    for (int i = 0; i < groups.size(); i++) {
      fileOf[i] = groups.get(i)[0];
      inFile[i] = groups.get(i)[1];
      rows[i] = groups.get(i)[2];
    }
    return new SplitIndex(datasetDir, split, info.transform().grid(), info.classes().size(),
        files, fileOf, inFile, rows);
  }

  /** The row groups of one file, after checking its schema. */
  private static List<BlockMetaData> footer(FileStatus st, Configuration conf)
      throws IOException {
    Path path = st.getPath();
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(st, conf))) {
      checkSchema(path, reader.getFooter().getFileMetaData().getSchema());
      return reader.getRowGroups();
    } catch (IOException | RuntimeException e) {
      throw ParquetSplit.fileProblem(e, path + ": not a readable Parquet file (truncated or "
          + "corrupt?)");
    }
  }

  /** Fails naming {@code path} and the column unless every column training reads is present. */
  static void checkSchema(Path path, MessageType schema) {
    for (Map.Entry<String, PrimitiveTypeName> c : COLUMNS.entrySet()) {
      if (!schema.containsField(c.getKey())) {
        throw new IllegalStateException(path + ": column " + c.getKey() + " is missing (a patch "
            + "dataset written by `reorder prep` has " + COLUMNS.keySet() + ")");
      }
      Type t = schema.getType(c.getKey());
      if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)
          || t.asPrimitiveType().getPrimitiveTypeName() != c.getValue()) {
        throw new IllegalStateException(path + ": column " + c.getKey() + " is " + t
            + ", expected a single " + c.getValue());
      }
    }
  }

  /** The dataset directory. */
  public String datasetDir() {
    return datasetDir;
  }

  /** The split's name. */
  public String split() {
    return split;
  }

  /** The grid of every image (from the sidecar). */
  public PatchGrid grid() {
    return grid;
  }

  /** Number of classes in the sidecar: labels lie in {@code [0, numClasses)}. */
  public int numClasses() {
    return numClasses;
  }

  /** Number of row groups. */
  public int groups() {
    return rows.length;
  }

  /** Rows of group {@code group} (after the limit). */
  public int rows(int group) {
    return rows[group];
  }

  /** A copy of the row counts of all groups. */
  public int[] rowCounts() {
    return rows.clone();
  }

  /** The file of group {@code group}. */
  public String file(int group) {
    return files.get(fileOfGroup[group]);
  }

  /** The index of group {@code group} among its file's row groups. */
  public int groupInFile(int group) {
    return groupInFile[group];
  }

  /** Rows of all groups. */
  public long totalRows() {
    return Arrays.stream(rows).asLongStream().sum();
  }
}
