/**
 * Patch tensors: images cut into non-overlapping p x p patches, each flattened channel-major, and
 * the batches that carry them from the patch-tensor Parquet files to the trainers.
 */
package org.reorder.patch;
