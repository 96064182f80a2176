package org.reorder.sweep;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reorder.train.MetricsLog;
import org.reorder.train.Progress;

/**
 * The sweep's progress, one line per committed round of any run, naming the run, its round and
 * its ETA, and the sweep's:
 *
 * <pre>
 * [sweep] vit-row-reorder round 3/12: 4.12 s, loss 1.2203 acc 0.531 (policy), run ETA 00:00:37 | sweep 7/48 run-rounds (14.6%), elapsed 00:01:02, ETA 00:06:10
 * </pre>
 *
 * Runs advance on their own threads; this prints their lines whole, one at a time.
 */
final class SweepProgress {
  private final PrintStream out;
  private final int totalRounds;
  private final int committedAtStart;
  private final long start = System.nanoTime();
  private final Map<String, Integer> roundsThisTime = new HashMap<>();
  private int committed;

  SweepProgress(PrintStream out, List<RunTracker> runs) {
    this.out = out;
    this.totalRounds = runs.stream().mapToInt(RunTracker::totalRounds).sum();
    this.committedAtStart = runs.stream().mapToInt(RunTracker::committedRound).sum();
    this.committed = committedAtStart;
  }

  int totalRounds() {
    return totalRounds;
  }

  int committedAtStart() {
    return committedAtStart;
  }

  /** Reports that {@code run} committed a round that took {@code seconds}. */
  synchronized void roundCommitted(RunTracker run, MetricsLog.Line line, double seconds) {
    committed++;
    int done = roundsThisTime.merge(run.spec().id(), 1, Integer::sum);
    double elapsed = (System.nanoTime() - start) / 1e9;
    double runEta = elapsed / done * (run.totalRounds() - run.committedRound());
    double sweepEta = elapsed / (committed - committedAtStart) * (totalRounds - committed);
    out.printf(Locale.ROOT, "[sweep] %s round %d/%d: %.2f s, loss %.4f acc %.3f (%s), run ETA %s"
        + " | sweep %d/%d run-rounds (%.1f%%), elapsed %s, ETA %s%n", run.spec().id(),
        run.committedRound(), run.totalRounds(), seconds, number(line, "loss"),
        number(line, "train_acc"), line.get("phase"), Progress.clockTime(runEta), committed,
        totalRounds, 100.0 * committed / totalRounds, Progress.clockTime(elapsed),
        Progress.clockTime(sweepEta));
  }

  private static double number(MetricsLog.Line line, String key) {
    return line.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
