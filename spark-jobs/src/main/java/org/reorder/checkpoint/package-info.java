/**
 * Checkpoints that make retries safe: each round of a run is written fully, committed with a
 * marker, and only then are older rounds dropped. Local paths, HDFS and s3a:// alike.
 */
package org.reorder.checkpoint;
