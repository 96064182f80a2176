package org.reorder.patch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A split as a sequence of row groups: the unit in which images are read. Counts are known without
 * reading any image (for Parquet, from the files' footers), so a run is planned from them alone;
 * {@link #read} decodes one group when a batch needs it. Implementations are deterministic: a group
 * reads the same rows, in the same order, every time.
 */
public interface RowGroups {

  /** The grid of every image. */
  PatchGrid grid();

  /** Number of row groups. */
  int count();

  /** Rows (images) of group {@code group}. */
  int rows(int group);

  /** The rows of group {@code group}, in stored order. */
  List<ImageRow> read(int group) throws IOException;

  /** Names group {@code group} in error messages (a file and a row-group index). */
  String describe(int group);

  /** {@link #read}, with an I/O failure as an unchecked exception that names the group. */
  default List<ImageRow> readGroup(int group) {
    try {
      return read(group);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + describe(group) + ": " + e.getMessage(), e);
    }
  }

  /** Rows of all groups. */
  default long totalRows() {
    long n = 0;
    for (int g = 0; g < count(); g++) {
      n += rows(g);
    }
    return n;
  }
}
