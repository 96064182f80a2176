package org.reorder.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Keeps Spark from printing a failed task's stack trace several times over (the executor, the
 * task set, the aborted write, each with the whole cause chain: hundreds of lines for one
 * unreachable file) while a command runs without {@code --verbose}: the command's last line
 * already says what failed and where ({@link FailureLine}). The loggers' levels are restored when
 * the command ends, so commands run one after another in a JVM (tests) do not inherit them.
 */
final class TaskFailureLogs implements AutoCloseable {
  /** The Spark loggers that report a failed task or job with its stack trace. */
  private static final List<String> LOGGERS =
      List.of(
          "org.apache.spark.executor.Executor",
          "org.apache.spark.scheduler.TaskSetManager",
          "org.apache.spark.sql.execution.datasources.FileFormatWriter");

  private final Map<String, Level> saved = new LinkedHashMap<>();

  private TaskFailureLogs() {
    for (String name : LOGGERS) {
      saved.put(name, LogManager.getLogger(name).getLevel());
      Configurator.setLevel(name, Level.OFF);
    }
  }

  /** Silences the task-failure loggers until {@link #close}. */
  static TaskFailureLogs quiet() {
    return new TaskFailureLogs();
  }

  @Override
  public void close() {
    saved.forEach(Configurator::setLevel);
  }
}
