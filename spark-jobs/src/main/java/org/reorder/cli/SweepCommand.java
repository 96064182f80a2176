package org.reorder.cli;

import java.util.concurrent.Callable;
import org.reorder.config.ConfigException;
import org.reorder.sweep.SweepConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reorder sweep}: every (architecture, order, mode) run of a sweep file, round by round on
 * Spark; started again on the same run directory it resumes. Exit codes: 0 done (or stopped by
 * {@code --max-rounds}), 2 bad configuration or arguments, 1 a failure while running.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a sweep (architectures x orders x modes) on Spark, in rounds (see docs/distributed.md).",
      "Resumes from the last committed round when RUN_DIR already holds the same sweep."
    })
public final class SweepCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", required = true,
      description = "Sweep YAML (experiment, models, orders, modes, runtime); local, hdfs:// or s3a://.")
  String config;

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "Run directory (local, hdfs:// or s3a://); overrides runtime.run_dir.")
  String runDir;

  @Option(names = "--max-rounds", paramLabel = "N", defaultValue = "0",
      description = "Stop after N rounds (0: run to the end); run again to continue.")
  int maxRounds;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    SweepConfig sweep;
    try {
      sweep = SweepConfig.load(config, spark.hadoopConf(), runDir);
    } catch (ConfigException e) {
      System.err.println("reorder sweep: " + e.getMessage());
      return 2;
    }
    return SweepRunner.run("sweep", sweep, maxRounds, spark);
  }
}
