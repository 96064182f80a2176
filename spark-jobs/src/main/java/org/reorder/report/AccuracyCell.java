package org.reorder.report;

/** Validation top-1 accuracy (%) of one (architecture, order, mode) with its bootstrap std error. */
public record AccuracyCell(String architecture, String order, String mode, double top1, double stdError) {}
