package org.reorder.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.reorder.config.ConfigException;
import org.reorder.config.ExperimentConfig;
import org.reorder.sweep.SweepConfig;
import org.reorder.sweep.SweepRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reorder reorder}: one REOrder run of an experiment config, distributed in rounds on Spark
 * (a sweep of one run; {@code reinforce.enabled} is forced on). Exit codes as {@code sweep}.
 */
@Command(
    name = "reorder",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one REOrder experiment on Spark in rounds (see docs/distributed.md).",
      "Resumes from the last committed round when RUN_DIR already holds it."
    })
public final class ReorderRunCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", required = true,
      description = "Experiment YAML (as for `reorder train`); local, hdfs:// or s3a://.")
  String config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a config key, e.g. --set training.lr=3e-4 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "Run directory (local, hdfs:// or s3a://; default: runs/<name>).")
  String runDir;

  @Option(names = "--steps-per-round", paramLabel = "K",
      defaultValue = "" + SweepRuntime.DEFAULT_STEPS_PER_ROUND,
      description = "Steps between policy updates (default: ${DEFAULT-VALUE}).")
  int stepsPerRound;

  @Option(names = "--replicas", paramLabel = "R", defaultValue = "1",
      description = "Data-parallel replicas (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--keep-checkpoints", paramLabel = "N", defaultValue = "2",
      description = "Committed rounds to keep (default: ${DEFAULT-VALUE}).")
  int keepCheckpoints;

  @Option(names = "--max-rounds", paramLabel = "N", defaultValue = "0",
      description = "Stop after N rounds (0: run to the end); run again to continue.")
  int maxRounds;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    SweepConfig sweep;
    try {
      List<String> all = new ArrayList<>(overrides);
      all.add("reinforce.enabled=true");
      String stem = new org.apache.hadoop.fs.Path(config).getName().replaceFirst("\\.ya?ml$", "");
      ExperimentConfig experiment = ExperimentConfig.parse(SweepConfig.readText(config,
          spark.hadoopConf(), "config file"), config, stem, all);
      sweep = SweepConfig.single(experiment, new SweepRuntime(stepsPerRound, replicas,
          keepCheckpoints, runDir != null ? runDir : "runs/" + experiment.name()));
    } catch (ConfigException e) {
      System.err.println("reorder reorder: " + e.getMessage().replace("runtime.steps_per_round",
          "--steps-per-round").replace("runtime.replicas", "--replicas")
          .replace("runtime.keep_checkpoints", "--keep-checkpoints"));
      return 2;
    }
    return SweepRunner.run("reorder", sweep, maxRounds, spark);
  }
}
