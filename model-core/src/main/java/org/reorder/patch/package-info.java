/**
 * Patch tensors: images cut into non-overlapping p x p patches, each flattened channel-major
 * ({@link org.reorder.patch.Patchifier}), the patch-tensor Parquet format's names and sidecar
 * ({@link org.reorder.patch.PatchFormat}, {@link org.reorder.patch.PatchDatasetInfo}), and the
 * Spark-free reader that streams {@link org.reorder.patch.PatchBatch}es out of it.
 *
 * <p>The reader is model-core's one use of Hadoop: only through Parquet's file reader, never Spark.
 */
package org.reorder.patch;
