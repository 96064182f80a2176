package org.reorder.data;

import org.reorder.patch.PatchGrid;
import org.reorder.train.Seeds;

/**
 * Random horizontal flip on patch tensors, as the reference trains (RandomHorizontalFlip(0.5)
 * before normalisation): flipping an image left-right and then patchifying it is the same as
 * reversing the order of the grid's patch columns and mirroring each patch, which is what {@link
 * #copy} does, without going back to pixels.
 *
 * <p>Whether an image is flipped is a pure function of {@code (seed, epoch, image id)}, so a
 * resumed run, another replica count or another shuffle window flips the same images.
 */
public final class HorizontalFlip {
  private static final String FLIP = "hflip";

  private final PatchGrid grid;
  private final double probability;
  private final long seed;

  /**
   * @param probability chance that an image is flipped, in [0, 1] (0: never)
   */
  public HorizontalFlip(PatchGrid grid, double probability, long seed) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("flip probability must be in [0, 1], got " + probability);
    }
    this.grid = grid;
    this.probability = probability;
    this.seed = seed;
  }

  /** Whether image {@code imageId} is flipped in epoch {@code epoch}. */
  public boolean flips(int epoch, String imageId) {
    if (probability == 0) {
      return false;
    }
    long h = Seeds.derive(Seeds.derive(seed, FLIP, epoch), imageId, 0);
    return (h >>> 11) * 0x1.0p-53 < probability;
  }

  /**
   * Copies the patch tensor {@code src} to {@code dst} at {@code offset}, flipped when {@code
   * flip}: patch {@code (r, c)} of the result is patch {@code (r, cols-1-c)} of {@code src} with
   * each of its pixel rows reversed (patches are channel-major, {@code (ch, dy, dx)}).
   */
  public void copy(byte[] src, byte[] dst, int offset, boolean flip) {
    if (!flip) {
      System.arraycopy(src, 0, dst, offset, grid.tensorBytes());
      return;
    }
    int p = grid.patchSize();
    int dim = grid.patchDim();
    for (int r = 0; r < grid.rows(); r++) {
      for (int c = 0; c < grid.cols(); c++) {
        int from = (r * grid.cols() + (grid.cols() - 1 - c)) * dim;
        int to = offset + (r * grid.cols() + c) * dim;
        for (int line = 0; line < grid.channels() * p; line++) { // one (ch, dy) pixel row
          for (int dx = 0; dx < p; dx++) {
            dst[to + line * p + dx] = src[from + line * p + (p - 1 - dx)];
          }
        }
      }
    }
  }
}
