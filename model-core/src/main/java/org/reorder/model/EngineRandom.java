package org.reorder.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The engine's random generator, deterministic per thread. PyTorch draws dropout masks and random
 * initial values from one generator per device, global to the process ({@code torch::manual_seed}
 * seeds them all), so two training tasks in one JVM would draw from each other's sequence and
 * neither would be reproducible. Every random operation of this project's models goes through
 * here instead: it seeds the generator from the calling thread's own stream and draws, both under
 * one JVM-wide lock, so its result depends only on that thread's position in its stream. The lock
 * is held for the draw (one dropout kernel), not for a training step, so tasks still train
 * concurrently.
 *
 * <p>Why not DJL's {@code Dropout.dropout} directly: it draws from the global generator wherever
 * the other threads have left it. Why not masks made in Java: a mask of a ViT-B activation is
 * hundreds of millions of values per step.
 */
public final class EngineRandom {
  private static final Object GENERATOR = new Object();
  private static final ThreadLocal<SplittableRandom> STREAM =
      ThreadLocal.withInitial(() -> new SplittableRandom(0));

  private EngineRandom() {}

  /** Restarts the calling thread's stream: the random operations that follow derive from it. */
  public static void seedThisThread(long seed) {
    STREAM.set(new SplittableRandom(seed));
  }

  /** Dropout of {@code x} with rate {@code rate} while training; {@code x} itself otherwise. */
  public static NDArray dropout(NDArray x, float rate, boolean training) {
    if (!training || rate == 0) {
      return x;
    }
    return draw(() -> Dropout.dropout(x, rate, true).singletonOrThrow());
  }

  /** Runs the random operation {@code op} with the next seed of the calling thread's stream. */
  public static <T> T draw(Supplier<T> op) {
    return withSeed(STREAM.get().nextInt(), op);
  }

  /**
   * Runs {@code draw} (a model's initialisation, say) with the generator seeded by {@code seed},
   * holding the lock for all of it.
   */
  public static <T> T withSeed(int seed, Supplier<T> draw) {
    synchronized (GENERATOR) {
      Engine.getInstance().setRandomSeed(seed);
      return draw.get();
    }
  }
}
