package org.reorder.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress of every Spark stage on one line at a time, with the rate and an ETA, for the
 * distributed commands (Spark's own console bar shows counts only). Lines come at most every
 * {@code intervalNanos} per stage, plus one when a stage ends.
 */
final class StageProgress extends SparkListener {
  private final PrintStream out;
  private final LongSupplier clock;
  private final long intervalNanos;
  private final Map<Integer, Stage> stages = new ConcurrentHashMap<>();

  static final class Stage {
    final String name;
    final int tasks;
    final long startNanos;
    int done;
    long lastPrintNanos;

    Stage(String name, int tasks, long startNanos) {
      this.name = name;
      this.tasks = tasks;
      this.startNanos = startNanos;
      this.lastPrintNanos = startNanos;
    }
  }

  StageProgress(PrintStream out, LongSupplier clock, long intervalNanos) {
    this.out = out;
    this.clock = clock;
    this.intervalNanos = intervalNanos;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    var info = event.stageInfo();
    stages.put(info.stageId(), new Stage(info.name(), info.numTasks(), clock.getAsLong()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    Stage stage = stages.get(event.stageId());
    if (stage == null || !event.taskInfo().successful()) {
      return;
    }
    synchronized (stage) {
      stage.done++;
      long now = clock.getAsLong();
      if (now - stage.lastPrintNanos >= intervalNanos && stage.done < stage.tasks) {
        stage.lastPrintNanos = now;
        out.println(line(event.stageId(), stage, now));
      }
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted event) {
    Stage stage = stages.remove(event.stageInfo().stageId());
    // Short stages finish silently; a line is worth it once a stage has run a while.
    if (stage != null && clock.getAsLong() - stage.startNanos >= intervalNanos) {
      synchronized (stage) {
        out.println(line(event.stageInfo().stageId(), stage, clock.getAsLong()));
      }
    }
  }

  /** "[spark] stage 3 (parquet at PrepJob.java:80): 12/40 tasks (30.0%) | 1.5 tasks/s | elapsed 00:00:08 | ETA 00:00:19". */
  static String line(int stageId, Stage stage, long now) {
    double seconds = (now - stage.startNanos) / 1e9;
    double rate = seconds > 0 ? stage.done / seconds : 0;
    String eta = rate > 0 ? clock((long) ((stage.tasks - stage.done) / rate)) : "--:--:--";
    return String.format(Locale.ROOT,
        "[spark] stage %d (%s): %d/%d tasks (%.1f%%) | %.2f tasks/s | elapsed %s | ETA %s",
        stageId, stage.name, stage.done, stage.tasks, 100.0 * stage.done / stage.tasks, rate,
        clock((long) seconds), eta);
  }

  private static String clock(long seconds) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
        seconds % 60);
  }
}
