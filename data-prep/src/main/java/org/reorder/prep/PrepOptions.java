package org.reorder.prep;

import org.reorder.dataset.SourceSpec;
import org.reorder.image.ImageDecoder;
import org.reorder.patch.TransformSettings;

/**
 * Settings of one {@code reorder prep} run, validated before any work starts.
 *
 * @param source what to read
 * @param output the dataset directory to write (local path or any Hadoop URI)
 * @param transform resize, crop, patch size, channels, region
 * @param shardRows the most rows per Parquet file
 * @param maxPixels images whose header declares more pixels are quarantined undecoded
 * @param partitions Spark tasks for decoding; 0 picks about 512 images per task (one output file each)
 */
public record PrepOptions(
    SourceSpec source,
    String output,
    TransformSettings transform,
    int shardRows,
    long maxPixels,
    int partitions) {

  public static final int DEFAULT_SHARD_ROWS = 10_000;

  public PrepOptions {
    if (source == null) {
      throw new IllegalArgumentException("a source (--dataset, --input) is required");
    }
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("--output is required");
    }
    if (transform == null) {
      transform = source.kind().defaultTransform();
    }
    if (shardRows < 1) {
      throw new IllegalArgumentException("--shard-rows must be >= 1, got " + shardRows);
    }
    if (maxPixels < 1) {
      throw new IllegalArgumentException("--max-pixels must be >= 1, got " + maxPixels);
    }
    if (partitions < 0) {
      throw new IllegalArgumentException("--partitions must be >= 0, got " + partitions);
    }
    if (source.kind() != org.reorder.dataset.DatasetKind.FMOW
        && TransformSettings.BBOX.equals(transform.region())) {
      throw new IllegalArgumentException("--region bbox needs --dataset fmow (bounding boxes)");
    }
  }

  /** Options with the dataset's default transform, shard size and pixel limit. */
  public static PrepOptions of(SourceSpec source, String output) {
    return new PrepOptions(
        source, output, null, DEFAULT_SHARD_ROWS, ImageDecoder.DEFAULT_MAX_PIXELS, 0);
  }
}
