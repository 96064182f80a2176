/**
 * Inference with a trained backbone: a checkpoint's parameters loaded into an evaluation-only
 * model (no optimiser state) that turns patch batches into per-class log-probabilities, safe to
 * share between threads. The Spark evaluation transformer is a thin adapter around it.
 */
package org.reorder.infer;
