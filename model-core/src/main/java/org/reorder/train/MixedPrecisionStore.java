package org.reorder.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.reorder.model.DifferentiableCast;

/**
 * The parameter store of mixed-precision training: every block reads a float16 copy of its
 * float32 weights, while the optimiser keeps updating the float32 originals (the master weights).
 *
 * <p>Why a store: DJL 0.35 has no autocast for the PyTorch engine, and every block, DJL's own
 * {@code Linear} and {@code LayerNorm} included, reads its weights through
 * {@link ParameterStore#getValue}. The copy is a {@link DifferentiableCast}, so the backward pass
 * converts each weight's float16 gradient back to float32 and accumulates it on the master
 * weight. Why float16 and not bfloat16: DJL 0.35's PyTorch engine cannot create bfloat16 arrays
 * (its native type table stops short of it); float16's narrow range is why the trainer scales the
 * loss ({@link LossScale}).
 *
 * <p>Unlike autocast, every operation of a block then runs in float16 (layer norms and softmaxes
 * too; PyTorch accumulates those in float32 internally). What must stay float32 is cast
 * explicitly: the selective scan of Mamba and the logits the loss reads.
 */
public final class MixedPrecisionStore extends ParameterStore {
  /** The type the forward pass computes in. */
  public static final DataType COMPUTE_TYPE = DataType.FLOAT16;

  /** A store over the parameters that live under {@code manager}. */
  public MixedPrecisionStore(NDManager manager) {
    super(manager, false);
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean training) {
    NDArray master = super.getValue(parameter, device, training);
    return master == null ? null : DifferentiableCast.to(master, COMPUTE_TYPE);
  }
}
