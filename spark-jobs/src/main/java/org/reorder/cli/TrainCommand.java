package org.reorder.cli;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.reorder.config.ConfigException;
import org.reorder.config.ExperimentConfig;
import org.reorder.train.Curriculum;
import org.reorder.data.DataSplits;
import org.reorder.train.RunSummary;
import org.reorder.train.RuntimeSetup;
import org.reorder.train.ValidationSplitChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reorder train}: one experiment in this process (no Spark), a fixed-order run or the
 * REOrder curriculum, as its YAML config says. Exit codes: 0 done, 2 bad configuration or
 * arguments, 1 a failure while training ({@link FailureLine}).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains one experiment locally from a YAML config (see docs/configuration.md).",
      "Writes RUN_DIR/config.yaml (resolved), metrics.jsonl, checkpoints/ and summary.json."
    })
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Experiment YAML. With --resume it defaults to RUN_DIR/config.yaml.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a config key, e.g. --set training.lr=3e-4 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--output", paramLabel = "RUN_DIR",
      description = "Run directory (default: runs/<experiment name>).")
  Path output;

  @Option(names = "--resume",
      description = "Continue the run in RUN_DIR from its newest checkpoint (exactly).")
  boolean resume;

  @Override
  public Integer call() throws IOException {
    ExperimentConfig experiment;
    Path runDir;
    try {
      Path file = config;
      if (file == null && resume && output != null) {
        file = output.resolve("config.yaml");
      }
      if (file == null) {
        System.err.println("reorder train: --config FILE is required (or --resume --output RUN_DIR)");
        return 2;
      }
      if (output != null && Files.exists(output) && !Files.isDirectory(output)) {
        System.err.println("reorder train: --output " + output + " is a file; give a run directory");
        return 2;
      }
      experiment = ExperimentConfig.load(file, overrides);
      runDir = output != null ? output : Path.of("runs", experiment.name());
    } catch (ConfigException e) {
      System.err.println("reorder train: " + e.getMessage());
      return 2;
    }
    try {
      experiment = ValidationSplitChoice.resolve(experiment, new Configuration(),
          note -> System.err.println("reorder train: " + note));
      Device device = RuntimeSetup.prepare(experiment);
      if (!resume && Files.exists(runDir.resolve("checkpoints"))) {
        System.err.println("reorder train: --output " + runDir + " already holds a run; add "
            + "--resume to continue it or choose another directory");
        return 2;
      }
      DataSplits data = DataSplits.open(experiment); // the run owns it from here
      try (Curriculum run = resume ? Curriculum.resume(experiment, data, runDir, device)
          : Curriculum.start(experiment, data, runDir, device)) {
        RunSummary s = run.run();
        System.out.printf(Locale.ROOT, "%s: %d steps, final validation top-1 %.4f ± %.4f, "
            + "top-5 %.4f ± %.4f; best top-1 %.4f ± %.4f (epoch %d); results in %s%n",
            s.name(), s.steps(), s.validation().top1(), s.validation().top1Se(),
            s.validation().top5(), s.validation().top5Se(), s.best().top1(), s.best().top1Se(),
            s.bestEpoch() + 1, runDir);
      }
      return 0;
    } catch (ConfigException e) {
      System.err.println("reorder train: " + e.getMessage());
      return 2;
    } // other failures end in FailureLine's one line (exit 1), with the trace under --verbose
  }
}
