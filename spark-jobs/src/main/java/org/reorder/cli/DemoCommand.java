package org.reorder.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reorder demo}: the whole pipeline on built-in data, small enough for a laptop. Every step
 * is the command a user would run on its own (generate, prep, prior, sweep, report), run in this
 * process with tiny settings; the demo only chooses them and passes results along.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "Runs the pipeline end to end in a few minutes on 2 cores: generate a synthetic dataset",
      "(or read Debian's Fashion-MNIST), prep it into patch Parquet, score the scan orders by",
      "LZMA (the prior), run a small sweep of fixed-order and REOrder runs on Spark, and write",
      "the HTML report. Every step is a reorder command; the demo prints each one."
    })
public final class DemoCommand implements Callable<Integer> {
  static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "demo-out",
      description = "Where everything goes (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--dataset", paramLabel = "synthetic|fashion-mnist", defaultValue = "synthetic",
      description = "Built-in synthetic images (default), or Debian's dataset-fashion-mnist "
          + "(installed under " + FASHION_MNIST_DIR + ").")
  String dataset;

  @Mixin SparkOptions spark;

  private int step;
  private final int steps = 5;

  @Override
  public Integer call() throws IOException {
    try {
      return pipeline();
    } catch (DemoStepFailed e) {
      System.err.println(e.getMessage());
      return e.exitCode;
    }
  }

  private int pipeline() throws IOException {
    if (!dataset.equals("synthetic") && !dataset.equals("fashion-mnist")) {
      System.err.println("reorder demo: --dataset must be synthetic or fashion-mnist, got "
          + dataset);
      return 2;
    }
    if (dataset.equals("fashion-mnist") && !Files.isDirectory(Path.of(FASHION_MNIST_DIR))) {
      System.err.println("reorder demo: --dataset fashion-mnist reads " + FASHION_MNIST_DIR
          + ", which is missing; install it with: apt-get install dataset-fashion-mnist");
      return 2;
    }
    if (Files.exists(output.resolve("runs"))) {
      System.err.println("reorder demo: " + output + " holds an earlier demo; remove it or pass "
          + "another --output");
      return 2;
    }
    String data = output.resolve("data").toString();
    String patches = output.resolve("patches").toString();
    String prior = output.resolve("prior").toString();
    String runs = output.resolve("runs").toString();
    List<String> master = spark.master == null ? List.of() : List.of("--master", spark.master);

    if (dataset.equals("synthetic")) {
      run("generate", "--output", data, "--classes", "8", "--images-per-class", "80",
          "--seed", "7");
      run(withMaster(master, "prep", "--dataset", "synthetic", "--input", data,
          "--output", patches));
    } else {
      step++; // nothing to generate
      run(withMaster(master, "prep", "--dataset", "fashion-mnist", "--input", FASHION_MNIST_DIR,
          "--output", patches, "--image-size", "28", "--patch-size", "7"));
    }
    // Tiny images have so few patches that the token measures are degenerate: score pixels.
    run(withMaster(master, "prior", "--input", patches, "--output", prior, "--modes", "pixels",
        "--sample", "1000"));
    String chosen = JSON.readTree(Path.of(prior, "prior.json").toFile()).path("prior").asText();

    Path sweepFile = output.resolve("sweep.yaml");
    Files.writeString(sweepFile, sweepYaml(patches, chosen));
    run(withMaster(master, "sweep", "--config", sweepFile.toString(), "--run-dir", runs));
    run("report", runs, "--prior", Path.of(prior, "prior.json").toString());
    System.out.println("demo done: open " + Path.of(runs, "report", "index.html"));
    return 0;
  }

  /** The demo sweep: the chosen prior and row order, fixed and REOrder, on the prepared data. */
  String sweepYaml(String patchDir, String chosenPrior) throws IOException {
    ObjectNode sweep;
    try (InputStream in = DemoCommand.class.getResourceAsStream(
        "/org/reorder/demo/sweep-" + dataset + ".yaml")) {
      sweep = (ObjectNode) YAML.readTree(in);
    }
    ((ObjectNode) sweep.path("experiment").path("data")).put("patch_dir", patchDir);
    Set<String> orders = new LinkedHashSet<>(List.of(chosenPrior, "row"));
    ArrayNode list = sweep.putArray("orders");
    orders.forEach(list::add);
    return YAML.writeValueAsString(sweep);
  }

  private static String[] withMaster(List<String> master, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(master);
    return all.toArray(String[]::new);
  }

  /** Runs one reorder command in this process, or stops the demo with its exit code. */
  private void run(String... args) {
    step++;
    System.err.printf(Locale.ROOT, "%n[demo %d/%d] reorder %s%n", step, steps,
        String.join(" ", args));
    int rc = ReorderCli.run(args);
    if (rc != 0) {
      throw new DemoStepFailed(args[0], rc);
    }
  }

  /** A step failed; its own message has been printed. */
  static final class DemoStepFailed extends RuntimeException {
    final int exitCode;

    DemoStepFailed(String command, int exitCode) {
      super("reorder demo: the " + command + " step failed (exit code " + exitCode + ")");
      this.exitCode = exitCode;
    }
  }
}
