package org.reorder.round;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;

/**
 * Runs a task's DJL work under the two conditions the PyTorch engine needs inside a Spark
 * executor:
 *
 * <ul>
 *   <li>One task at a time per JVM. DJL's gradient collector is process-wide ("only one can be
 *       collecting at a time") and the engine's random seed, re-seeded every step, is global, so two
 *       tasks sharing an executor JVM would corrupt each other's steps. Parallelism comes from
 *       executors (one task slot each: {@code spark.task.cpus = spark.executor.cores}, or one GPU
 *       each), see docs/distributed.md.
 *   <li>Autograd off on the task's thread. PyTorch's grad mode is thread-local and on by default in
 *       a new thread (DJL turns it off only on the thread that starts the engine), and the
 *       optimiser's and the weight average's in-place updates of parameters must run without it.
 * </ul>
 */
final class TaskEngine {
  private static final Object LOCK = new Object();

  /** A task body. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws IOException;
  }

  private TaskEngine() {}

  static <T> T exclusive(Body<T> body) throws IOException {
    synchronized (LOCK) {
      Engine.getInstance(); // loads the native library before the first JNI call
      JniUtils.setGradMode(false);
      return body.run();
    }
  }
}
