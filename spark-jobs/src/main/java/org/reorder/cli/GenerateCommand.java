package org.reorder.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.reorder.dataset.synthetic.GenerateOptions;
import org.reorder.dataset.synthetic.SyntheticGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reorder generate}: writes the synthetic dataset (real JPEG files). */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic dataset of JPEG files whose class is the arrangement",
      "of four colored shapes over the quadrants (so patch order matters), in",
      "the ImageNet or fMoW layout."
    })
public final class GenerateCommand implements Callable<Integer> {

  @Option(
      names = "--layout",
      defaultValue = "imagenet",
      paramLabel = "imagenet|fmow",
      description = "Folder layout (default: ${DEFAULT-VALUE}).")
  String layout;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "PATH",
      description = "Directory to write (local path or s3a://...).")
  String output;

  @Option(
      names = "--images-per-class",
      defaultValue = "50",
      paramLabel = "N",
      description = "Train images per class; val gets a quarter (default: ${DEFAULT-VALUE}).")
  int imagesPerClass;

  @Option(
      names = "--classes",
      defaultValue = "4",
      paramLabel = "K",
      description = "Classes, 2..24 (default: ${DEFAULT-VALUE}).")
  int classes;

  @Option(
      names = "--size",
      defaultValue = "32",
      paramLabel = "PX",
      description = "Side of the arrangement in pixels (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "SEED",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "A Hadoop setting for the output file system, repeatable"
              + " (spark.hadoop. prefix optional), e.g. fs.s3a.endpoint=http://127.0.0.1:9000.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    GenerateOptions options;
    try {
      options = new GenerateOptions(layout, output, imagesPerClass, classes, size, seed);
    } catch (IllegalArgumentException e) {
      System.err.println("reorder generate: " + e.getMessage());
      return 2;
    }
    Configuration hadoop = new Configuration();
    conf.forEach((k, v) -> hadoop.set(k.startsWith("spark.hadoop.") ? k.substring(13) : k, v));
    Map<String, Integer> written = SyntheticGenerator.generate(options, hadoop);
    System.out.println(
        "reorder generate: wrote "
            + written
            + " images ("
            + classes
            + " classes, "
            + layout
            + " layout) to "
            + output);
    return 0;
  }
}
