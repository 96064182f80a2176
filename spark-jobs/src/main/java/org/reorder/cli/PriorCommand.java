package org.reorder.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.reorder.prior.Measure;
import org.reorder.prior.PriorJob;
import org.reorder.prior.PriorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reorder prior}: the LZMA compressibility prior (thin wrapper over {@link PriorJob}). */
@Command(
    name = "prior",
    mixinStandardHelpOptions = true,
    description = {
      "Scores every image of a patch dataset split under each scan order by",
      "LZMA reduction %% (pixels: raw patch bytes; tokens: k-means codes as",
      "unigram and bigram symbols) and picks the prior order. Writes per_image/",
      "and summary/ (Parquet) and prior.json."
    })
public final class PriorCommand implements Callable<Integer> {

  @Option(
      names = "--input",
      required = true,
      paramLabel = "PATCH_DIR",
      description = "A patch dataset written by `reorder prep`.")
  String input;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "PATH",
      description = "Output directory.")
  String output;

  @Option(
      names = "--split",
      defaultValue = "train",
      paramLabel = "NAME",
      description = "Split to score (default: ${DEFAULT-VALUE}).")
  String split;

  // Split only at commas before a name, so a custom:0,1,2,... list stays whole.
  @Option(
      names = "--orders",
      split = ",(?=\\s*[A-Za-z])",
      splitSynopsisLabel = ",",
      paramLabel = "ORDER",
      description =
          "Order names or custom:<list|file> (default: row,column,hilbert,spiral,"
              + "diagonal,snake).")
  List<String> orders = new ArrayList<>();

  @Option(
      names = "--modes",
      split = ",",
      paramLabel = "M1,M2",
      description = "pixels and/or tokens (default: pixels,tokens).")
  List<String> modes = new ArrayList<>();

  @Option(
      names = "--codebook-size",
      defaultValue = "256",
      paramLabel = "K",
      description = "k-means codebook size (default: ${DEFAULT-VALUE}).")
  int codebookSize;

  @Option(
      names = "--codebook-images",
      defaultValue = "256",
      paramLabel = "N",
      description = "Images whose patches train the codebook (default: ${DEFAULT-VALUE}).")
  int codebookImages;

  @Option(
      names = "--kmeans-iterations",
      defaultValue = "20",
      paramLabel = "N",
      description = "k-means iterations (default: ${DEFAULT-VALUE}).")
  int kmeansIterations;

  @Option(
      names = "--sample",
      defaultValue = "0",
      paramLabel = "N",
      description = "Images to score, a seeded sample; 0 = all (default: ${DEFAULT-VALUE}).")
  int sample;

  @Option(
      names = "--rule",
      defaultValue = "least",
      paramLabel = "least|most",
      description = "Prior = least (paper) or most compressible order (default: ${DEFAULT-VALUE}).")
  String rule;

  @Option(
      names = "--measure",
      paramLabel = "NAME",
      description =
          "Measure the rule uses: pixels, tokens-unigram, tokens-bigram"
              + " (default: tokens-bigram if tokens are measured, else pixels).")
  String measure;

  @Option(
      names = "--lzma-preset",
      defaultValue = "6",
      paramLabel = "0-9",
      description = "LZMA preset, raw LZMA2 (default: ${DEFAULT-VALUE}).")
  int lzmaPreset;

  @Option(
      names = "--bootstrap",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Bootstrap resamples for the 95%% intervals (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "SEED",
      description = "Seed of sample, k-means, bootstrap, random order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() throws Exception {
    PriorOptions options;
    try {
      options =
          new PriorOptions(
              input,
              output,
              split,
              orders,
              modes,
              codebookSize,
              codebookImages,
              kmeansIterations,
              sample,
              rule,
              measure == null ? null : Measure.fromName(measure),
              lzmaPreset,
              bootstrap,
              seed);
    } catch (IllegalArgumentException e) {
      System.err.println("reorder prior: " + e.getMessage());
      return 2;
    }
    SparkSession session = spark.session("reorder prior");
    session.sparkContext().setLogLevel("WARN"); // keep the progress lines readable
    try {
      PriorJob.run(options, session, System.out);
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("reorder prior: " + e.getMessage());
      return 2;
    } finally {
      session.stop();
    }
  }
}
