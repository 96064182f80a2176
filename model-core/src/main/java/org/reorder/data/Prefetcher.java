package org.reorder.data;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One background thread that reads what training will need next, so steps do not wait on
 * storage. A daemon thread: a stream that is never closed cannot keep the JVM alive.
 */
final class Prefetcher implements AutoCloseable {
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "reorder-prefetch");
    t.setDaemon(true);
    return t;
  });

  <T> Future<T> submit(Callable<T> read) {
    return thread.submit(read);
  }

  /**
   * What {@code read} returned, or null when it failed or was cancelled: the caller then reads
   * again on its own thread, so a failure is reported (and a transient one retried) where it
   * matters, and a failed prefetch of data nobody needs is never an error.
   */
  static <T> T resultOrNull(Future<T> read) {
    try {
      return read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a prefetched read", e);
    } catch (ExecutionException | CancellationException e) {
      return null;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
