package org.reorder.dataset;

import java.util.List;
import java.util.Map;

/**
 * Where and what to read.
 *
 * @param kind the dataset layout
 * @param input the dataset root (local path or any Hadoop URI such as {@code s3a://bucket/in})
 * @param splits the splits to read; empty reads every split found
 * @param classMap a class mapping file (ImageNet, fMoW), or null for sorted folder names
 * @param valLabels the label CSV of a flat ImageNet split, or null for the default location
 * @param splitLists fMoW split list files by split name
 */
public record SourceSpec(
    DatasetKind kind,
    String input,
    List<String> splits,
    String classMap,
    String valLabels,
    Map<String, String> splitLists) {

  public SourceSpec {
    if (kind == null) {
      throw new IllegalArgumentException("--dataset is required");
    }
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("--input is required");
    }
    splits = splits == null ? List.of() : List.copyOf(splits);
    splitLists = splitLists == null ? Map.of() : Map.copyOf(splitLists);
    if (!splitLists.isEmpty() && kind != DatasetKind.FMOW) {
      throw new IllegalArgumentException("--split-list applies to --dataset fmow only");
    }
  }

  /** A spec reading every split with default labels. */
  public static SourceSpec of(DatasetKind kind, String input) {
    return new SourceSpec(kind, input, List.of(), null, null, Map.of());
  }
}
