/**
 * The information-theoretic prior over scan orders: how compressible a patch sequence is under
 * LZMA (XZ for Java). {@link org.reorder.prior.PixelSerializer} and {@link
 * org.reorder.prior.TokenSerializer} turn one image in one scan order into bytes, {@link
 * org.reorder.prior.LzmaScorer} compresses them into a {@link org.reorder.prior.Compression} that
 * carries the {@link org.reorder.prior.LzmaSettings} it was measured with. Aggregation over images
 * and the choice of prior live in the Spark job, not here.
 */
package org.reorder.prior;
