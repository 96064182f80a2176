package org.reorder.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Dynamic loss scaling for float16 training, as PyTorch's {@code GradScaler}: the loss is
 * multiplied by a large factor before the backward pass so that small gradients do not flush to
 * zero in float16; the gradients are divided by it again before the update. A step whose
 * gradients overflowed (a non-finite norm) is skipped and the factor halved; after
 * {@value #GROWTH_INTERVAL} good steps in a row it is doubled.
 *
 * <p>The factor and the run of good steps are part of a checkpoint (they decide which later
 * updates are skipped), so a resumed run skips the same steps.
 */
public final class LossScale {
  /** The first factor, {@code 2^16}, as PyTorch's. */
  static final double INITIAL = 65536;
  /** Good steps in a row after which the factor doubles. */
  static final int GROWTH_INTERVAL = 2000;

  private final boolean dynamic;
  private double factor;
  private int goodSteps;

  private LossScale(boolean dynamic, double factor) {
    this.dynamic = dynamic;
    this.factor = factor;
  }

  /** Float32 training: a factor of 1 that never changes, and no step is skipped. */
  public static LossScale none() {
    return new LossScale(false, 1);
  }

  /** Float16 training: starts at {@value #INITIAL}. */
  public static LossScale dynamic() {
    return new LossScale(true, INITIAL);
  }

  /** The factor the loss is multiplied by. */
  public double factor() {
    return factor;
  }

  /**
   * Records a step whose unscaled gradient norm is {@code gradNorm} and says whether its update
   * may be applied: false (and the factor halved) when the gradients overflowed.
   */
  public boolean admit(double gradNorm) {
    if (!dynamic) {
      return true;
    }
    if (!Double.isFinite(gradNorm)) {
      factor /= 2;
      goodSteps = 0;
      if (factor < 1) {
        // Scaling down to 1 did not help: the overflow is in the forward pass, not in the
        // gradients' range.
        throw new IllegalStateException("gradients are not finite even with the loss unscaled; "
            + "float16 overflows in this model: set training.mixed_precision to false or lower "
            + "training.lr");
      }
      return false;
    }
    if (++goodSteps == GROWTH_INTERVAL) {
      factor *= 2;
      goodSteps = 0;
    }
    return true;
  }

  void save(DataOutputStream out) throws IOException {
    out.writeBoolean(dynamic);
    out.writeDouble(factor);
    out.writeInt(goodSteps);
  }

  /**
   * Restores what {@link #save} wrote. A float32 checkpoint resumed with mixed precision starts
   * from {@value #INITIAL}, and a mixed-precision one resumed in float32 keeps the factor 1.
   */
  void load(DataInputStream in) throws IOException {
    boolean savedDynamic = in.readBoolean();
    double savedFactor = in.readDouble();
    int savedGoodSteps = in.readInt();
    if (dynamic && savedDynamic) {
      factor = savedFactor;
      goodSteps = savedGoodSteps;
    }
  }
}
