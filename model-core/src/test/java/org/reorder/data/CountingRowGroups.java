package org.reorder.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.reorder.patch.ImageRow;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.RowGroups;

/** Row groups held in memory that count how often each group is read. */
final class CountingRowGroups implements RowGroups {
  private final PatchGrid grid;
  private final List<List<ImageRow>> groups = new ArrayList<>();
  private final int[] reads;
  private int failing = -1;

  /** Groups of {@code sizes[g]} rows of random tensors, ids {@code img<i>} in stored order. */
  CountingRowGroups(PatchGrid grid, int... sizes) {
    this.grid = grid;
    this.reads = new int[sizes.length];
    int i = 0;
    for (int size : sizes) {
      List<ImageRow> rows = new ArrayList<>();
      for (int k = 0; k < size; k++, i++) {
        byte[] t = new byte[grid.tensorBytes()];
        new java.util.Random(i).nextBytes(t);
        rows.add(new ImageRow("img" + i, i % 3, t));
      }
      groups.add(rows);
    }
  }

  /** From now on reading {@code group} fails, as a damaged file does. */
  synchronized CountingRowGroups failing(int group) {
    failing = group;
    return this;
  }

  synchronized int reads(int group) {
    return reads[group];
  }

  synchronized int totalReads() {
    return java.util.Arrays.stream(reads).sum();
  }

  @Override
  public PatchGrid grid() {
    return grid;
  }

  @Override
  public int count() {
    return groups.size();
  }

  @Override
  public int rows(int group) {
    return groups.get(group).size();
  }

  @Override
  public synchronized List<ImageRow> read(int group) throws IOException {
    if (group == failing) {
      throw new IOException("checksum mismatch");
    }
    reads[group]++;
    return groups.get(group);
  }

  @Override
  public String describe(int group) {
    return "group " + group;
  }
}
