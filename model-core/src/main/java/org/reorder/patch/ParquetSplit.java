package org.reorder.patch;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
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
 * The row groups of a {@link SplitIndex}, read from Parquet through Hadoop's FileSystem (local
 * paths, HDFS, s3a://). A read decodes only the columns training needs and checks every row
 * against the sidecar: its grid, its tensor's length, its label; a mismatch names the file, the
 * image and the field.
 */
public final class ParquetSplit implements RowGroups {
  private final SplitIndex index;
  private final Configuration conf;

  public ParquetSplit(SplitIndex index, Configuration conf) {
    this.index = index;
    this.conf = conf;
  }

  /** The index this split reads. */
  public SplitIndex index() {
    return index;
  }

  @Override
  public PatchGrid grid() {
    return index.grid();
  }

  @Override
  public int count() {
    return index.groups();
  }

  @Override
  public int rows(int group) {
    return index.rows(group);
  }

  @Override
  public String describe(int group) {
    return index.file(group) + " (row group " + index.groupInFile(group) + ")";
  }

  @Override
  public List<ImageRow> read(int group) throws IOException {
    Path path = new Path(index.file(group));
    try (ParquetFileReader file = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
      MessageType schema = file.getFooter().getFileMetaData().getSchema();
      SplitIndex.checkSchema(path, schema);
      List<Type> fields = new ArrayList<>();
      for (Type field : schema.getFields()) {
        if (SplitIndex.COLUMNS.containsKey(field.getName())) {
          fields.add(field);
        }
      }
      MessageType projection = new MessageType(schema.getName(), fields);
      file.setRequestedSchema(projection);
      PageReadStore pages = file.readRowGroup(index.groupInFile(group));
      if (pages == null || pages.getRowCount() < index.rows(group)) {
        throw new IllegalStateException(describe(group) + " has "
            + (pages == null ? 0 : pages.getRowCount()) + " rows, its footer said at least "
            + index.rows(group) + " (was the file rewritten since the run started?)");
      }
      RecordReader<Group> records = new ColumnIOFactory().getColumnIO(projection)
          .getRecordReader(pages, new GroupRecordConverter(projection));
      List<ImageRow> out = new ArrayList<>(index.rows(group));
      for (int i = 0; i < index.rows(group); i++) {
        out.add(row(records.read(), path, i));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalStateException) {
        throw e; // a row that disagrees with the sidecar, already named
      }
      throw fileProblem(e, describe(group) + ": cannot decode (corrupt file?)");
    }
  }

  /**
   * Sorts a failure to read a Parquet file: the file's own problem (not Parquet, truncated: a
   * RuntimeException to Parquet, an early end of file, or a checksum mismatch where Hadoop keeps
   * {@code .crc} files) becomes an {@link IllegalStateException} with {@code message}; any other
   * I/O failure belongs to the storage and is rethrown as it is, for the caller to retry or report.
   */
  static IllegalStateException fileProblem(Exception e, String message)
      throws IOException {
    if (e instanceof IOException io && !(e instanceof EOFException)
        && !(e instanceof ChecksumException)) {
      throw io;
    }
    return new IllegalStateException(message + ": " + e.getMessage(), e);
  }

  private ImageRow row(Group row, Path path, int i) {
    String id = row.getFieldRepetitionCount(PatchFormat.IMAGE_ID) == 1
        ? row.getString(PatchFormat.IMAGE_ID, 0) : null;
    String where = path + ": image " + (id != null ? id : "in row " + i);
    for (String column : SplitIndex.COLUMNS.keySet()) {
      if (row.getFieldRepetitionCount(column) != 1) {
        throw new IllegalStateException(where + " has no value in column " + column);
      }
    }
    PatchGrid grid = new PatchGrid(row.getInteger(PatchFormat.GRID_ROWS, 0),
        row.getInteger(PatchFormat.GRID_COLS, 0), row.getInteger(PatchFormat.PATCH_SIZE, 0),
        row.getInteger(PatchFormat.CHANNELS, 0));
    if (!grid.equals(index.grid())) {
      throw new IllegalStateException(where + " has grid " + grid + " (columns grid_rows, "
          + "grid_cols, patch_size, channels); the sidecar says " + index.grid());
    }
    int label = row.getInteger(PatchFormat.LABEL, 0);
    if (label < 0 || label >= index.numClasses()) {
      throw new IllegalStateException(where + " has label " + label + ", outside the sidecar's "
          + index.numClasses() + " classes");
    }
    byte[] tensor = row.getBinary(PatchFormat.PATCHES, 0).getBytes();
    if (tensor.length != grid.tensorBytes()) {
      throw new IllegalStateException(where + " has " + tensor.length + " bytes in column "
          + PatchFormat.PATCHES + ", its grid needs " + grid.tensorBytes());
    }
    return new ImageRow(id, label, tensor);
  }
}
