package org.reorder.cli;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.reorder.config.ExperimentConfig;
import org.reorder.train.Curriculum;
import org.reorder.train.DataSplits;
import org.reorder.train.RunSummary;
import org.reorder.train.RuntimeSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reorder demo}: the whole pipeline on built-in data, small enough for a laptop. Every step
 * is the real job a user would run on its own; the demo only chooses tiny settings.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "Runs the pipeline end to end on built-in synthetic data in a few minutes on 2 cores:",
      "a fixed-order and a REOrder run of a tiny order-sensitive model (Longformer), then the",
      "HTML report. Results go to --output."
    })
public final class DemoCommand implements Callable<Integer> {

  /** The demo's experiments: the same model and start order, fixed and with REOrder. */
  static final List<String> EXPERIMENTS = List.of("demo-longformer-fixed", "demo-longformer-reorder");

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "demo-out",
      description = "Where everything goes (default: ${DEFAULT-VALUE}).")
  Path output;

  @Override
  public Integer call() throws Exception {
    Path runs = output.resolve("runs");
    if (Files.exists(runs)) {
      System.err.println("reorder demo: " + runs + " exists from an earlier demo; remove "
          + output + " or pass another --output");
      return 2;
    }
    int step = 0;
    int steps = EXPERIMENTS.size() + 1;
    for (String name : EXPERIMENTS) {
      step++;
      ExperimentConfig experiment = ExperimentConfig.parse(resource(name + ".yaml"),
          "demo/" + name + ".yaml", name, List.of());
      System.err.printf(Locale.ROOT, "[demo %d/%d] train %s%n", step, steps, name);
      Device device = RuntimeSetup.prepare(experiment, System.err);
      try (Curriculum run = Curriculum.start(experiment, DataSplits.open(experiment),
          runs.resolve(name), device)) {
        RunSummary s = run.run();
        System.err.printf(Locale.ROOT, "[demo %d/%d] %s: validation top-1 %.3f ± %.3f%n", step,
            steps, name, s.validation().top1(), s.validation().top1Se());
      }
    }
    System.err.printf(Locale.ROOT, "[demo %d/%d] report%n", steps, steps);
    int rc = new ReportCommand().report(runs.toString(), null, runs.resolve("report").toString());
    System.out.println("demo done: open " + runs.resolve("report/index.html"));
    return rc;
  }

  private static String resource(String name) throws java.io.IOException {
    try (var in = DemoCommand.class.getResourceAsStream("/org/reorder/demo/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing demo resource " + name);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
