package org.reorder.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.reorder.dataset.DatasetKind;
import org.reorder.dataset.SourceSpec;
import org.reorder.patch.TransformSettings;
import org.reorder.prep.PrepJob;
import org.reorder.prep.PrepOptions;
import org.reorder.prep.PrepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reorder prep}: a dataset to patch-tensor Parquet (thin wrapper over {@link PrepJob}). */
@Command(
    name = "prep",
    mixinStandardHelpOptions = true,
    description = {
      "Decodes a dataset into patch-tensor Parquet (docs/patch-format.md),",
      "with a quarantine table for bad inputs and a summary",
      "(read = written + quarantined). Transform defaults depend on --dataset",
      "(resize/image-size/patch-size, resize 0 = none):",
      "  imagenet, fmow: 256/224/16 RGB; synthetic: 0/32/8 RGB;",
      "  fashion-mnist: 0/28/4 gray."
    })
public final class PrepCommand implements Callable<Integer> {

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "KIND",
      description = "synthetic, imagenet, fmow or fashion-mnist.")
  String dataset;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "PATH",
      description = "Dataset root (local path or s3a://...).")
  String input;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "PATH",
      description = "Patch dataset directory to write (local path or s3a://...).")
  String output;

  @Option(
      names = "--splits",
      split = ",",
      paramLabel = "S1,S2",
      description =
          "Splits to prepare (default: every split folder; train,test for fashion-mnist).")
  List<String> splits = new ArrayList<>();

  @Option(
      names = "--resize",
      paramLabel = "PX",
      description = "Shorter side after resizing; 0 = no resize.")
  Integer resize;

  @Option(names = "--image-size", paramLabel = "PX", description = "Side of the center crop.")
  Integer imageSize;

  @Option(
      names = "--patch-size",
      paramLabel = "PX",
      description = "Patch side; must divide --image-size.")
  Integer patchSize;

  @Option(names = "--channels", paramLabel = "C", description = "3 (RGB) or 1 (gray).")
  Integer channels;

  @Option(
      names = "--region",
      paramLabel = "whole|bbox",
      description = "fmow: the whole image (reference) or its bounding box (default: whole).")
  String region;

  @Option(
      names = "--context",
      paramLabel = "F",
      description =
          "bbox region: grow the box by this fraction of its size on each side (default 0).")
  Double context;

  @Option(
      names = "--dct-scaling",
      description = {
        "Decode JPEGs at 1/2, 1/4 or 1/8 scale (libjpeg-turbo's reduced DCT) when the shorter",
        "side stays >= --resize: up to ~1.7x faster on large photos, but the pixels differ",
        "slightly from torchvision's full-size decode + resize (default: off)."
      })
  boolean dctScaling;

  @Option(
      names = "--class-map",
      paramLabel = "FILE",
      description = "Class list file (line i = class i, first token), instead of sorted folders.")
  String classMap;

  @Option(
      names = "--val-labels",
      paramLabel = "FILE",
      description =
          "imagenet: LOC_val_solution.csv for a flat val folder (default:"
              + " INPUT/LOC_val_solution.csv).")
  String valLabels;

  @Option(
      names = "--split-list",
      paramLabel = "SPLIT=FILE",
      description = "fmow: restrict SPLIT to the instances listed in FILE (repeatable).")
  Map<String, String> splitLists = new LinkedHashMap<>();

  @Option(
      names = "--shard-rows",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Most rows per Parquet file (default: ${DEFAULT-VALUE}).")
  int shardRows;

  @Option(
      names = "--max-pixels",
      defaultValue = "89478485",
      paramLabel = "N",
      description =
          "Quarantine images whose header declares more pixels (default: ${DEFAULT-VALUE}).")
  long maxPixels;

  @Option(
      names = "--partitions",
      defaultValue = "0",
      paramLabel = "N",
      description = "Decoding tasks; 0 = about 512 images per task, so per output file (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() throws Exception {
    PrepOptions options;
    try {
      DatasetKind kind = DatasetKind.fromName(dataset);
      TransformSettings d = kind.defaultTransform();
      TransformSettings transform =
          new TransformSettings(
              resize != null ? resize : d.resize(),
              imageSize != null ? imageSize : d.imageSize(),
              patchSize != null ? patchSize : d.patchSize(),
              channels != null ? channels : d.channels(),
              region != null ? region : d.region(),
              context != null ? context : d.context(),
              dctScaling);
      options =
          new PrepOptions(
              new SourceSpec(kind, input, splits, classMap, valLabels, splitLists),
              output,
              transform,
              shardRows,
              maxPixels,
              partitions);
    } catch (IllegalArgumentException e) {
      System.err.println("reorder prep: " + e.getMessage());
      return 2;
    }
    SparkSession session = spark.session("reorder prep");
    session.sparkContext().setLogLevel("WARN"); // keep the progress lines readable
    try {
      PrepSummary summary = PrepJob.run(options, session, System.out);
      System.out.println("reorder prep: wrote " + options.output());
      return summary.quarantined() == summary.read() && summary.read() > 0 ? 1 : 0;
    } catch (IllegalArgumentException e) {
      System.err.println("reorder prep: " + e.getMessage());
      return 2;
    } finally {
      session.stop();
    }
  }
}
