package org.reorder.train;

/**
 * What one forward pass reports per image, for metrics and rewards.
 *
 * @param losses cross-entropy of each image
 * @param top1 whether each image's highest logit is its label
 * @param top5 whether each image's label is among its five highest logits (all of them when the
 *     model has five classes or fewer)
 * @param gradNorm global gradient norm before clipping (NaN for evaluation; not finite when
 *     float16 gradients overflowed and the update was skipped)
 * @param lr learning rate of the update (NaN for evaluation, 0 for a skipped update)
 * @param skipped whether the optimiser skipped the update because float16 gradients overflowed
 *     (mixed precision; false for evaluation)
 */
public record StepOutput(double[] losses, boolean[] top1, boolean[] top5, double gradNorm,
    double lr, boolean skipped) {

  /** Number of images. */
  public int size() {
    return losses.length;
  }

  /** Mean cross-entropy. */
  public double meanLoss() {
    double s = 0;
    for (double l : losses) {
      s += l;
    }
    return s / losses.length;
  }

  /** Fraction of images with a correct top-1 prediction. */
  public double top1Accuracy() {
    int c = 0;
    for (boolean b : top1) {
      c += b ? 1 : 0;
    }
    return (double) c / top1.length;
  }
}
