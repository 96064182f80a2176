/**
 * Dataset readers as Spark sources: ImageNet-1K (synset folders, or flat files with a label CSV),
 * fMoW-RGB (with its per-image JSON), Fashion-MNIST (idx files) and the synthetic generator's
 * output. Listing runs on the driver through Hadoop's FileSystem (local paths and {@code s3a://}
 * alike); bytes are read on executors. The synthetic generator lives in {@code
 * org.reorder.dataset.synthetic}.
 */
package org.reorder.dataset;
