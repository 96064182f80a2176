/**
 * Sweeps: a YAML file expanded into runs (architecture x starting order x mode), driven round by
 * round on Spark by {@link org.reorder.sweep.SweepDriver}, with the run directory as the single
 * source of truth for resuming, and the tables and summary written at the end.
 */
package org.reorder.sweep;
