package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy averaged over the batch, as {@code BackboneTrainer} computes it. Not
 * DJL's {@code Loss.softmaxCrossEntropyLoss()}: that multiplies by its weight with {@code
 * NDArray.mul(Number)}, which is unsafe under autograd (see {@link Scale}).
 */
final class MeanCrossEntropy extends Loss {
  MeanCrossEntropy() {
    super("MeanCrossEntropy");
  }

  /** Labels {@code [B]} (any number type) and logits {@code [B, classes]}. */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray target = labels.singletonOrThrow().toType(DataType.INT64, false).reshape(-1, 1);
    return predictions.singletonOrThrow().logSoftmax(1).gather(target, 1).neg().mean();
  }
}
