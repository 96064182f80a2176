/**
 * The prep job: datasets to patch-tensor Parquet (docs/patch-format.md) with a quarantine table and
 * a per-split summary; {@link org.reorder.prep.PrepJob#run} is the entry point the CLI calls.
 */
package org.reorder.prep;
