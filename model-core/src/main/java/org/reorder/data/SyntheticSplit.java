package org.reorder.data;

import java.util.ArrayList;
import java.util.List;
import org.reorder.patch.ImageRow;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.RowGroups;

/**
 * A split of {@link SyntheticPatches} as row groups of {@value #GROUP_ROWS} image, so the synthetic
 * source is planned, sharded and streamed exactly like patch Parquet and never held in memory whole;
 * with one image a group, the epoch plan's shuffle of the groups is a full shuffle.
 */
final class SyntheticSplit implements RowGroups {
  /** Images per row group. */
  static final int GROUP_ROWS = 1;

  private final SyntheticPatches images;
  private final String split;
  private final int size;
  private final PatchGrid grid;

  SyntheticSplit(SyntheticPatches images, String split, int size, PatchGrid grid) {
    this.images = images;
    this.split = split;
    this.size = size;
    this.grid = grid;
  }

  @Override
  public PatchGrid grid() {
    return grid;
  }

  @Override
  public int count() {
    return (size + GROUP_ROWS - 1) / GROUP_ROWS;
  }

  @Override
  public int rows(int group) {
    return Math.min(GROUP_ROWS, size - group * GROUP_ROWS);
  }

  @Override
  public List<ImageRow> read(int group) {
    List<ImageRow> rows = new ArrayList<>(rows(group));
    for (int i = 0; i < rows(group); i++) {
      rows.add(images.image(split, group * GROUP_ROWS + i));
    }
    return rows;
  }

  @Override
  public String describe(int group) {
    return "synthetic split " + split + " (row group " + group + ")";
  }
}
