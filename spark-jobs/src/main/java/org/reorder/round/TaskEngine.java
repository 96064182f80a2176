package org.reorder.round;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;

/**
 * Prepares the thread a task runs on for DJL work: loads the native library before the first JNI
 * call, and turns autograd off on the thread. PyTorch's grad mode is thread-local and on by default
 * in a new thread (DJL turns it off only on the thread that starts the engine), and the optimiser's
 * and the weight average's in-place updates of parameters must run without it.
 *
 * <p>Several tasks may train in one executor JVM at once: their backward passes use a per-thread
 * collector and their random draws a per-thread stream ({@code model.EngineRandom}), so nothing
 * global is shared between them but the native library.
 */
final class TaskEngine {
  /** A task body. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws IOException;
  }

  private TaskEngine() {}

  static <T> T onThisThread(Body<T> body) throws IOException {
    Engine.getInstance();
    JniUtils.setGradMode(false);
    return body.run();
  }
}
