package org.reorder.prep;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.reorder.dataset.ImageSources;
import org.reorder.dataset.SourceImage;
import org.reorder.dataset.SourceListing;
import org.reorder.image.ImageTransformer;
import org.reorder.patch.PatchDatasetInfo;
import org.reorder.patch.PatchFormat;

/**
 * {@code reorder prep}: a dataset to patch-tensor Parquet, a quarantine table and a summary.
 *
 * <p>The whole distributed split in one place: the driver validates the options, lists the dataset
 * ({@link ImageSources#list}) and checks the output; executors read, decode, transform and patchify
 * each image ({@link PatchMaker}) and the patch rows are written straight to Parquet; the inputs
 * that failed come back to the driver through an accumulator (result-stage updates count once per
 * partition; duplicates from speculative attempts are removed by path) and are written as the
 * quarantine table. Finally the written rows are counted back from storage and the job checks that
 * {@code read == written + quarantined} for every split. A rerun on the same output replaces the
 * splits it covers and leaves other splits alone.
 */
public final class PrepJob {
  /**
   * {@code listing} with its images in a seeded random order, so that every decoding task, and so
   * every output file and row group, mixes the classes: a training task streams row groups and
   * shuffles only within a window of them (docs/training.md, "The data path"), which needs row
   * groups that are already samples of the whole split. The seed is fixed, so a rerun writes the
   * same rows in the same files.
   */
  static SourceListing shuffled(SourceListing listing) {
    List<SourceImage> images = new ArrayList<>(listing.images());
    Collections.shuffle(images, new Random(PatchTables.ROW_ORDER_SEED));
    return new SourceListing(listing.classes(), images);
  }

  private static final StructType ID_ONLY =
      new StructType().add(PatchFormat.IMAGE_ID, DataTypes.StringType);

  private PrepJob() {}

  /** Runs the job, printing progress to {@code log}. */
  public static PrepSummary run(PrepOptions options, SparkSession spark, PrintStream log)
      throws IOException {
    long start = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    SourceListing listing = ImageSources.list(options.source(), conf);
    Map<String, Long> readCounts = listing.countsBySplit();
    log.printf(
        "prep: listed %d images in splits %s, %d classes%n",
        listing.images().size(), readCounts, listing.classes().size());
    Path out = new Path(options.output());
    FileSystem fs = out.getFileSystem(conf);
    PatchDatasetInfo previous = compatiblePrevious(fs, options, listing, readCounts.keySet());

    ImageTransformer transformer = new ImageTransformer(options.transform());
    CollectionAccumulator<QuarantineRecord> quarantine =
        spark.sparkContext().collectionAccumulator("quarantine");
    Dataset<Row> source = ImageSources.load(spark, shuffled(listing),
        options.partitions() > 0 ? options.partitions() : PatchTables.defaultTasks(
            listing.images().size(), spark.sparkContext().defaultParallelism()));
    JavaRDD<Row> patchRows =
        source
            .toJavaRDD()
            .mapPartitions(new PatchMaker(transformer, options.maxPixels(), quarantine));
    Path patches = new Path(out, PatchFormat.PATCHES_DIR);
    Path quarantineDir = new Path(out, PatchFormat.QUARANTINE_DIR);
    PatchTables.dropSplits(fs, patches, readCounts.keySet());
    PatchTables.dropSplits(fs, quarantineDir, readCounts.keySet());
    log.printf("prep: decoding and writing %s%n", patches);
    PatchTables.write(
        spark.createDataFrame(patchRows, PatchTables.PATCH_SCHEMA),
        patches.toString(),
        options.shardRows(),
        PatchTables.rowGroupBytes(conf));

    List<QuarantineRecord> bad = dedupe(quarantine.value());
    if (!bad.isEmpty()) {
      List<Row> rows = new ArrayList<>();
      for (QuarantineRecord q : bad) {
        rows.add(RowFactory.create(q.sourcePath(), q.imageId(), q.split(), q.reason(), q.detail()));
      }
      PatchTables.write(
          spark.createDataFrame(rows, PatchTables.QUARANTINE_SCHEMA).coalesce(1),
          quarantineDir.toString(),
          options.shardRows(),
          PatchTables.rowGroupBytes(conf));
    }

    Map<String, SplitSummary> splits = summarize(spark, fs, patches, readCounts, bad);
    PrepSummary summary =
        new PrepSummary(
            options.source().kind().cliName(),
            options.source().input(),
            options.output(),
            splits,
            (System.nanoTime() - start) / 1e9);
    writeSidecar(conf, options, listing, splits, previous);
    TextFiles.write(new Path(out, PatchFormat.SUMMARY), summary.toJson(), conf);
    log.print(summary.table());
    for (Map.Entry<String, SplitSummary> e : splits.entrySet()) {
      if (!e.getValue().balanced()) {
        throw new IllegalStateException(
            "split "
                + e.getKey()
                + " read "
                + e.getValue().read()
                + " images but wrote "
                + e.getValue().written()
                + " and quarantined "
                + e.getValue().quarantined());
      }
    }
    return summary;
  }

  /**
   * The existing sidecar at the output, if any, after checking that splits this run does not
   * replace were made with the same classes and transform (else the dataset would mix formats).
   */
  private static PatchDatasetInfo compatiblePrevious(
      FileSystem fs, PrepOptions o, SourceListing listing, Set<String> splits) throws IOException {
    Path sidecar = new Path(PatchFormat.sidecar(o.output()));
    if (!fs.exists(sidecar)) {
      return null;
    }
    PatchDatasetInfo prev;
    try (InputStream in = fs.open(sidecar)) {
      prev =
          PatchDatasetInfo.fromJson(
              new String(in.readAllBytes(), StandardCharsets.UTF_8), sidecar.toString());
    }
    boolean othersKept = !splits.containsAll(prev.splits().keySet());
    if (othersKept
        && (!prev.classes().equals(listing.classes()) || !prev.transform().equals(o.transform()))) {
      throw new IllegalArgumentException(
          "--output "
              + o.output()
              + " already holds splits "
              + prev.splits().keySet()
              + " made with other classes or transform settings; re-prepare all of them or use"
              + " another --output");
    }
    return prev;
  }

  private static List<QuarantineRecord> dedupe(List<QuarantineRecord> records) {
    Map<String, QuarantineRecord> byKey = new TreeMap<>();
    for (QuarantineRecord q : records) {
      byKey.putIfAbsent(q.split() + "\u0000" + q.sourcePath(), q);
    }
    return new ArrayList<>(byKey.values());
  }

  private static Map<String, SplitSummary> summarize(
      SparkSession spark,
      FileSystem fs,
      Path patches,
      Map<String, Long> readCounts,
      List<QuarantineRecord> bad)
      throws IOException {
    Map<String, Map<String, Long>> reasons = new HashMap<>();
    for (QuarantineRecord q : bad) {
      reasons.computeIfAbsent(q.split(), k -> new TreeMap<>()).merge(q.reason(), 1L, Long::sum);
    }
    Map<String, SplitSummary> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : readCounts.entrySet()) {
      Path dir = new Path(patches, PatchFormat.SPLIT + "=" + e.getKey());
      // Counted back from storage (Parquet footers), not from what the tasks claimed.
      long written =
          fs.exists(dir) ? spark.read().schema(ID_ONLY).parquet(dir.toString()).count() : 0;
      Map<String, Long> r = reasons.getOrDefault(e.getKey(), Map.of());
      long q = r.values().stream().mapToLong(Long::longValue).sum();
      out.put(e.getKey(), new SplitSummary(e.getValue(), written, q, r));
    }
    return out;
  }

  private static void writeSidecar(
      Configuration conf,
      PrepOptions o,
      SourceListing listing,
      Map<String, SplitSummary> splits,
      PatchDatasetInfo previous)
      throws IOException {
    Map<String, PatchDatasetInfo.SplitCounts> counts = new TreeMap<>();
    if (previous != null) {
      counts.putAll(previous.splits());
    }
    splits.forEach(
        (k, v) -> counts.put(k, new PatchDatasetInfo.SplitCounts(v.written(), v.quarantined())));
    PatchDatasetInfo info =
        PatchDatasetInfo.of(o.source().kind().cliName(), listing.classes(), o.transform(), counts);
    TextFiles.write(new Path(PatchFormat.sidecar(o.output())), info.toJson(), conf);
  }
}
