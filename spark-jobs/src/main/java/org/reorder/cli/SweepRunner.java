package org.reorder.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.reorder.config.ConfigException;
import org.reorder.sweep.SweepConfig;
import org.reorder.sweep.SweepDriver;
import org.reorder.train.ValidationSplitChoice;

/** Starts the Spark session for {@code sweep} and {@code reorder}, runs the driver, maps errors to exit codes. */
final class SweepRunner {
  private SweepRunner() {}

  static int run(String command, SweepConfig sweep, int maxRounds, SparkOptions spark) {
    if (maxRounds < 0) {
      System.err.println("reorder " + command + ": --max-rounds must be >= 0, got " + maxRounds);
      return 2;
    }
    // Datasets without the default validation split (Fashion-MNIST: train/test) validate on the
    // one they have, as `reorder train` does; the note is printed once per dataset.
    Set<String> notes = new LinkedHashSet<>();
    Configuration conf = spark.hadoopConf();
    sweep = sweep.withRunConfigs(c -> ValidationSplitChoice.resolve(c, conf, notes::add));
    notes.forEach(note -> System.err.println("reorder " + command + ": " + note));
    SparkSession session = spark.session("reorder " + command + " " + sweep.name());
    try {
      SweepDriver.run(session, sweep, maxRounds, System.out);
      return 0;
    } catch (ConfigException e) {
      System.err.println("reorder " + command + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      System.err.println("reorder " + command + ": failed: " + e);
      return 1;
    } finally {
      session.stop();
    }
  }
}
