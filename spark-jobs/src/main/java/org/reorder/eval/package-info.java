/**
 * Distributed evaluation: {@link org.reorder.eval.PatchClassifier}, a Spark ML Transformer that
 * adds a trained backbone's predictions to a DataFrame of patch tensors (model loaded once per
 * executor JVM, rows scored in batches), and {@link org.reorder.eval.AccuracyEvaluator}, top-1 /
 * top-5 accuracy with bootstrap standard errors from the transformed DataFrame.
 */
package org.reorder.eval;
