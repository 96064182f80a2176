/**
 * What the DJL engine runs on in this JVM: the PyTorch native library it loaded (and the ones the
 * classpath offers), the GPUs it can use, and the line a training step prints about its device.
 * Shared by training (model-core), the Spark tasks and {@code reorder doctor} (spark-jobs).
 */
package org.reorder.engine;
