package org.reorder.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress lines on stderr with throughput and ETA, at most one per interval:
 * {@code [reorder] epoch 3/10 step 120/400 (30.0%) policy | loss 1.234 acc 0.450 | 52.1 img/s |
 * elapsed 00:01:02 | ETA 00:03:21}. Rates count only this process's steps, so a resumed run's
 * ETA is not skewed by the steps it skipped.
 */
public final class Progress {
  private final PrintStream out;
  private final int totalSteps;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final long startNanos;
  private final int startStep;
  private long images;
  private long lastPrint = Long.MIN_VALUE;

  public Progress(PrintStream out, int startStep, int totalSteps, double intervalSeconds,
      LongSupplier nanoClock) {
    this.out = out;
    this.startStep = startStep;
    this.totalSteps = totalSteps;
    this.intervalNanos = (long) (intervalSeconds * 1e9);
    this.clock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  /** Progress on {@code System.err} with the system clock. */
  public static Progress onStderr(int startStep, int totalSteps, double intervalSeconds) {
    return new Progress(System.err, startStep, totalSteps, intervalSeconds, System::nanoTime);
  }

  /** Images per second over this process's steps so far. */
  public double imagesPerSecond() {
    double seconds = (clock.getAsLong() - startNanos) / 1e9;
    return seconds > 0 ? images / seconds : Double.NaN;
  }

  /** Seconds since this process started training. */
  public double elapsedSeconds() {
    return (clock.getAsLong() - startNanos) / 1e9;
  }

  /**
   * Records a finished step of {@code batchImages} images and prints a line when the interval has
   * passed (or {@code force}).
   */
  public void step(int step, int epoch, int epochs, int batchImages, String phase, String detail,
      boolean force) {
    images += batchImages;
    long now = clock.getAsLong();
    if (!force && lastPrint != Long.MIN_VALUE && now - lastPrint < intervalNanos) {
      return;
    }
    lastPrint = now;
    double elapsed = (now - startNanos) / 1e9;
    int done = step - startStep;
    double eta = done > 0 ? elapsed / done * (totalSteps - step) : Double.NaN;
    out.println(String.format(Locale.ROOT,
        "[reorder] epoch %d/%d step %d/%d (%.1f%%) %s | %s | %.1f img/s | elapsed %s | ETA %s",
        epoch + 1, epochs, step, totalSteps, 100.0 * step / totalSteps, phase, detail,
        imagesPerSecond(), clockTime(elapsed), clockTime(eta)));
  }

  /** Prints a free-form line (evaluation results, phase changes). */
  public void note(String message) {
    out.println("[reorder] " + message);
  }

  static String clockTime(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "--:--:--";
    }
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
