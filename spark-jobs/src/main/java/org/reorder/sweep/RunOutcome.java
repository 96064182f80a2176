package org.reorder.sweep;

/**
 * The result of one finished run: its final validation, its best epoch's (the accuracy the
 * reference reports) and, for REOrder runs, the learned order.
 *
 * @param runId the run
 * @param architecture backbone name
 * @param order starting order
 * @param mode fixed or reorder
 * @param steps steps trained
 * @param images validation images
 * @param loss validation loss
 * @param top1 top-1 accuracy in [0, 1]
 * @param top1Se its bootstrap standard error
 * @param top5 top-5 accuracy
 * @param top5Se its bootstrap standard error
 * @param bestTop1 the highest top-1 over the run's validated epochs
 * @param bestTop1Se its bootstrap standard error
 * @param bestEpoch the epoch of {@code bestTop1} (0-based)
 * @param validationOrder the order the final validation used (prior, or the learned mode)
 * @param logits the final policy logits (null in fixed runs)
 */
public record RunOutcome(
    String runId,
    String architecture,
    String order,
    String mode,
    int steps,
    int images,
    double loss,
    double top1,
    double top1Se,
    double top5,
    double top5Se,
    double bestTop1,
    double bestTop1Se,
    int bestEpoch,
    int[] validationOrder,
    double[] logits) {}
