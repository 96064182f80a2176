package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Reads a parameter for a forward pass as a handle owned by the activations' manager.
 *
 * <p>Why: on the PyTorch engine an op's result belongs to the manager of its first operand. An
 * expression that starts from a parameter ({@code aLog.exp()}, {@code table.get(...)}) would
 * leave its temporaries in the model's manager, which lives for the whole training run. A view
 * of the parameter attached to the activations' manager keeps every temporary per step, and is
 * still connected to the parameter for autograd.
 */
final class ParamValue {

  private ParamValue() {}

  /** The value of {@code parameter} as a view owned by {@code like}'s manager. */
  static NDArray of(ParameterStore ps, Parameter parameter, NDArray like, boolean training) {
    NDArray value = ps.getValue(parameter, like.getDevice(), training);
    NDArray view = value.reshape(value.getShape()); // same storage, new handle
    view.attach(like.getManager());
    return view;
  }
}
