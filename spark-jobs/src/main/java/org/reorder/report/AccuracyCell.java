package org.reorder.report;

/**
 * Validation top-1 accuracy (%) of one (architecture, order, mode): the final epoch's with its
 * bootstrap standard error, and the best epoch's (the accuracy the reference reports) when the
 * run recorded it.
 *
 * @param top1 final top-1 %
 * @param stdError its bootstrap standard error, in points
 * @param bestTop1 the best epoch's top-1 % (null when only the final is known)
 * @param bestStdError its standard error (null when unknown)
 * @param bestEpoch that epoch, 1-based as the progress lines count (null when unknown)
 */
public record AccuracyCell(String architecture, String order, String mode, double top1,
    double stdError, Double bestTop1, Double bestStdError, Integer bestEpoch) {

  /** A cell with the final accuracy only (a sweep's table, a run without per-epoch records). */
  public AccuracyCell(String architecture, String order, String mode, double top1,
      double stdError) {
    this(architecture, order, mode, top1, stdError, null, null, null);
  }
}
