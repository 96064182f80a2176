package org.reorder.patch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The dataset-level sidecar ({@value PatchFormat#SIDECAR}) of a patch-tensor Parquet dataset:
 * format name and version, source dataset kind, class list (label {@code i} is {@code
 * classes.get(i)}), the transform, and per-split image counts.
 */
public record PatchDatasetInfo(
    String format,
    int formatVersion,
    String dataset,
    List<String> classes,
    TransformSettings transform,
    Map<String, SplitCounts> splits) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Images written to and quarantined from one split. */
  public record SplitCounts(long images, long quarantined) {}

  public PatchDatasetInfo {
    if (!PatchFormat.NAME.equals(format) || formatVersion != PatchFormat.VERSION) {
      throw new IllegalArgumentException(
          "unsupported patch dataset format '"
              + format
              + "' version "
              + formatVersion
              + " (this build reads "
              + PatchFormat.NAME
              + " version "
              + PatchFormat.VERSION
              + ")");
    }
    if (classes == null || classes.isEmpty() || transform == null) {
      throw new IllegalArgumentException("dataset sidecar needs 'classes' and 'transform'");
    }
    classes = List.copyOf(classes);
    splits = splits == null ? Map.of() : new TreeMap<>(splits);
  }

  /** A sidecar of the current format version. */
  public static PatchDatasetInfo of(
      String dataset,
      List<String> classes,
      TransformSettings transform,
      Map<String, SplitCounts> splits) {
    return new PatchDatasetInfo(
        PatchFormat.NAME, PatchFormat.VERSION, dataset, classes, transform, splits);
  }

  /** Pretty-printed JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a sidecar.
   *
   * @throws IllegalArgumentException naming {@code source} when the JSON is malformed
   */
  public static PatchDatasetInfo fromJson(String json, String source) {
    try {
      return JSON.readValue(json, PatchDatasetInfo.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot parse patch dataset sidecar " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads and validates the sidecar of the dataset at {@code datasetDir} (local, HDFS, s3a://).
   *
   * @throws IllegalArgumentException if it is missing or malformed, naming the path
   */
  public static PatchDatasetInfo read(String datasetDir, Configuration conf) throws IOException {
    Path path = new Path(PatchFormat.sidecar(datasetDir));
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path)) {
      throw new IllegalArgumentException(
          "not a patch dataset: " + path + " is missing (write one with `reorder prep`)");
    }
    try (InputStream in = fs.open(path)) {
      return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), path.toString());
    }
  }
}
