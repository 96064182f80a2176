/**
 * Patch tensors: images cut into non-overlapping p x p patches, each flattened channel-major
 * ({@link org.reorder.patch.Patchifier}), the patch-tensor Parquet format's names and sidecar
 * ({@link org.reorder.patch.PatchFormat}, {@link org.reorder.patch.PatchDatasetInfo}), and its
 * Spark-free reading: a split's footer index ({@link org.reorder.patch.SplitIndex}) and its row
 * groups, decoded one at a time ({@link org.reorder.patch.ParquetSplit}).
 *
 * <p>This is model-core's one use of Hadoop: only through Parquet's file reader, never Spark.
 */
package org.reorder.patch;
