/**
 * The prior job: LZMA compressibility of every (image, scan order) of a patch dataset, in pixel and
 * VQ-token serializations, aggregated into a ranked per-order summary and the chosen prior order
 * ({@link org.reorder.prior.PriorJob#run}). The scorer and serializers are model-core's {@code
 * org.reorder.prior} classes; this package adds the Spark side.
 */
package org.reorder.prior;
