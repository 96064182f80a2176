package org.reorder.patch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Streams {@link PatchBatch}es out of one split of a patch-tensor Parquet dataset without Spark.
 *
 * <p>Files are read in name order, rows in file order, only the columns a batch needs. Every row's
 * grid must match the sidecar's transform; a mismatch or a missing value fails naming the file.
 * Paths go through Hadoop's {@link FileSystem}, so local paths work and {@code s3a://} works when
 * hadoop-aws is on the classpath (it is in data-prep and spark-jobs).
 *
 * <pre>{@code
 * try (PatchParquetReader r = PatchParquetReader.open("out/imagenet", "train", 64)) {
 *   while (r.hasNext()) { PatchBatch b = r.next(); ... }
 * }
 * }</pre>
 */
public final class PatchParquetReader implements Iterator<PatchBatch>, AutoCloseable {
  private static final Set<String> COLUMNS =
      Set.of(
          PatchFormat.IMAGE_ID,
          PatchFormat.LABEL,
          PatchFormat.GRID_ROWS,
          PatchFormat.GRID_COLS,
          PatchFormat.PATCH_SIZE,
          PatchFormat.CHANNELS,
          PatchFormat.PATCHES);

  private final Configuration conf;
  private final PatchDatasetInfo info;
  private final PatchGrid grid;
  private final List<Path> files;
  private final int batchSize;
  private int nextFile;
  private Path currentPath;
  private ParquetFileReader file;
  private MessageType projection;
  private RecordReader<Group> records;
  private long rowsLeftInGroup;

  private PatchParquetReader(
      Configuration conf, PatchDatasetInfo info, List<Path> files, int batchSize) {
    this.conf = conf;
    this.info = info;
    this.grid = info.transform().grid();
    this.files = files;
    this.batchSize = batchSize;
  }

  /**
   * Opens {@code split} of the dataset at {@code datasetDir} with a default Hadoop configuration.
   */
  public static PatchParquetReader open(String datasetDir, String split, int batchSize)
      throws IOException {
    return open(datasetDir, split, batchSize, new Configuration());
  }

  /**
   * Opens {@code split} of the dataset at {@code datasetDir}.
   *
   * @throws IllegalArgumentException if the sidecar or the split is missing, naming the path
   */
  public static PatchParquetReader open(
      String datasetDir, String split, int batchSize, Configuration conf) throws IOException {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    PatchDatasetInfo info = readInfo(datasetDir, conf);
    Path dir = new Path(PatchFormat.splitDir(datasetDir, split));
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      throw new IllegalArgumentException(
          "split '"
              + split
              + "' not found: no directory "
              + dir
              + " (sidecar lists "
              + info.splits().keySet()
              + ")");
    }
    List<Path> files = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dir)) {
      if (st.isFile() && st.getPath().getName().endsWith(".parquet")) {
        files.add(st.getPath());
      }
    }
    files.sort(null);
    return new PatchParquetReader(conf, info, files, batchSize);
  }

  /** Reads and validates the sidecar of the dataset at {@code datasetDir}. */
  public static PatchDatasetInfo readInfo(String datasetDir, Configuration conf)
      throws IOException {
    Path path = new Path(PatchFormat.sidecar(datasetDir));
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path)) {
      throw new IllegalArgumentException(
          "not a patch dataset: " + path + " is missing (write one with `reorder prep`)");
    }
    try (InputStream in = fs.open(path)) {
      return PatchDatasetInfo.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), path.toString());
    }
  }

  /** The dataset's sidecar. */
  public PatchDatasetInfo info() {
    return info;
  }

  /** The grid of every image in this dataset. */
  public PatchGrid grid() {
    return grid;
  }

  /** The Parquet files of the split, in reading order. */
  public List<Path> files() {
    return List.copyOf(files);
  }

  @Override
  public boolean hasNext() {
    try {
      return advance();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + currentPath, e);
    }
  }

  /** The next batch of up to {@code batchSize} images (smaller only at the end of the split). */
  @Override
  public PatchBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more patch batches");
    }
    int imageBytes = grid.tensorBytes();
    byte[] patches = new byte[batchSize * imageBytes];
    int[] labels = new int[batchSize];
    String[] ids = new String[batchSize];
    int n = 0;
    while (n < batchSize && hasNext()) {
      Group row = records.read();
      rowsLeftInGroup--;
      ids[n] = row.getString(PatchFormat.IMAGE_ID, 0);
      labels[n] = row.getInteger(PatchFormat.LABEL, 0);
      checkGrid(row, ids[n]);
      byte[] tensor = row.getBinary(PatchFormat.PATCHES, 0).getBytes();
      if (tensor.length != imageBytes) {
        throw new IllegalStateException(
            currentPath
                + ": image "
                + ids[n]
                + " has "
                + tensor.length
                + " patch bytes, expected "
                + imageBytes);
      }
      System.arraycopy(tensor, 0, patches, n * imageBytes, imageBytes);
      n++;
    }
    if (n < batchSize) {
      patches = Arrays.copyOf(patches, n * imageBytes);
      labels = Arrays.copyOf(labels, n);
      ids = Arrays.copyOf(ids, n);
    }
    return new PatchBatch(patches, n, grid.numPatches(), grid.patchDim(), labels, ids);
  }

  private void checkGrid(Group row, String id) {
    PatchGrid rowGrid =
        new PatchGrid(
            row.getInteger(PatchFormat.GRID_ROWS, 0), row.getInteger(PatchFormat.GRID_COLS, 0),
            row.getInteger(PatchFormat.PATCH_SIZE, 0), row.getInteger(PatchFormat.CHANNELS, 0));
    if (!rowGrid.equals(grid)) {
      throw new IllegalStateException(
          currentPath + ": image " + id + " has grid " + rowGrid + ", the sidecar says " + grid);
    }
  }

  /** Moves to a row group with rows left; false at the end of the last file. */
  private boolean advance() throws IOException {
    while (rowsLeftInGroup == 0) {
      if (file != null) {
        PageReadStore pages = file.readNextRowGroup();
        if (pages != null) {
          rowsLeftInGroup = pages.getRowCount();
          records =
              new ColumnIOFactory()
                  .getColumnIO(projection)
                  .getRecordReader(pages, new GroupRecordConverter(projection));
          continue;
        }
        file.close();
        file = null;
      }
      if (nextFile == files.size()) {
        return false;
      }
      openFile(files.get(nextFile++));
    }
    return true;
  }

  private void openFile(Path path) throws IOException {
    currentPath = path;
    file = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf));
    MessageType schema = file.getFooter().getFileMetaData().getSchema();
    List<Type> fields = new ArrayList<>();
    for (Type field : schema.getFields()) {
      if (COLUMNS.contains(field.getName())) {
        fields.add(field);
      }
    }
    if (fields.size() != COLUMNS.size()) {
      throw new IllegalStateException(
          path
              + " lacks patch-format columns: has "
              + schema.getFields().stream().map(Type::getName).toList()
              + ", needs "
              + COLUMNS);
    }
    projection = new MessageType(schema.getName(), fields);
    file.setRequestedSchema(projection);
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
      file = null;
    }
  }
}
