/**
 * The training data path, streamed: a run is planned from a split's row-group counts ({@link
 * org.reorder.data.DataIndex}, {@link org.reorder.data.EpochPlan}), each replica reads its shard
 * window by window with a background read-ahead ({@link org.reorder.data.TrainingBatches}), and
 * validation reads the split in stored order ({@link org.reorder.data.StoredOrderBatches}). Memory
 * is bounded by the shuffle window, never by the size of the dataset. {@link
 * org.reorder.data.DataSplits} opens both for one replica of a run.
 */
package org.reorder.data;
