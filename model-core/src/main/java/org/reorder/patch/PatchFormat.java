package org.reorder.patch;

/**
 * Names of the patch-tensor Parquet format (docs/patch-format.md), shared by the Spark writer in
 * data-prep and {@link ParquetSplit}, so the two cannot drift apart.
 *
 * <p>A dataset directory holds {@code patches/split=<split>/part-*.parquet} (one row per image),
 * {@code quarantine/split=<split>/part-*.parquet}, the sidecar {@value #SIDECAR} and the last run's
 * {@value #SUMMARY}.
 */
public final class PatchFormat {
  /** Version written to the sidecar; readers refuse other versions. */
  public static final int VERSION = 1;

  /** Name written to the sidecar's {@code format} field. */
  public static final String NAME = "reorder-patch-parquet";

  public static final String SIDECAR = "dataset.json";
  public static final String SUMMARY = "summary.json";
  public static final String PATCHES_DIR = "patches";
  public static final String QUARANTINE_DIR = "quarantine";

  /** Hive-style partition column: files of split {@code s} live under {@code split=s}. */
  public static final String SPLIT = "split";

  public static final String IMAGE_ID = "image_id";
  public static final String SOURCE_PATH = "source_path";
  public static final String LABEL = "label";
  public static final String LABEL_NAME = "label_name";
  public static final String GRID_ROWS = "grid_rows";
  public static final String GRID_COLS = "grid_cols";
  public static final String PATCH_SIZE = "patch_size";
  public static final String CHANNELS = "channels";

  /** uint8 {@code [grid_rows * grid_cols, channels * patch_size²]}, see {@link Patchifier}. */
  public static final String PATCHES = "patches";

  /** Quarantine table columns (besides {@link #SOURCE_PATH} and {@link #SPLIT}). */
  public static final String REASON = "reason";

  public static final String DETAIL = "detail";

  private PatchFormat() {}

  /** The directory of one split's patch files below a dataset directory. */
  public static String splitDir(String datasetDir, String split) {
    return stripSlash(datasetDir) + "/" + PATCHES_DIR + "/" + SPLIT + "=" + split;
  }

  /** The sidecar's path below a dataset directory. */
  public static String sidecar(String datasetDir) {
    return stripSlash(datasetDir) + "/" + SIDECAR;
  }

  private static String stripSlash(String dir) {
    return dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
  }
}
