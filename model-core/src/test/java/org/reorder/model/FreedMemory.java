package org.reorder.model;

import ai.djl.ndarray.NDManager;
import java.lang.ref.WeakReference;

/** Provokes what a garbage collection during a training step does to native memory. */
final class FreedMemory {
  private FreedMemory() {}

  /**
   * Collects until unreachable direct buffers are freed (the reference handler frees them after
   * a collection), then fills freed small blocks with other values, as a step's later
   * allocations would.
   */
  static void collectAndReuse(NDManager manager) throws InterruptedException {
    for (int round = 0; round < 3; round++) {
      WeakReference<Object> collected = new WeakReference<>(new Object());
      // Bounded: with -XX:+DisableExplicitGC nothing is collected and the tests check less.
      for (int tries = 0; tries < 200 && collected.get() != null; tries++) {
        System.gc();
        Thread.sleep(5);
      }
      Thread.sleep(20);
    }
    for (int i = 0; i < 200; i++) {
      manager.create(-7f);
    }
  }
}
