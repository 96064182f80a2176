package org.reorder.prior;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.reorder.order.Orders;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchDatasetInfo;
import org.reorder.patch.PatchFormat;
import org.reorder.patch.PatchGrid;
import org.reorder.prep.OutputDirectory;
import org.reorder.prep.TextFiles;

/**
 * {@code reorder prior}: scores every (image, order) of a patch dataset split by LZMA reduction %
 * in {@code pixels} and {@code tokens} modes and picks the prior order (reorder-method.md §3).
 *
 * <p>Driver: reads the sidecar, resolves the orders (bad names fail here, before any work), draws
 * the seeded image sample, trains the k-means codebook (Spark MLlib) when tokens are measured.
 * Executors: {@link ImageScorer} assigns codes and compresses each image's sequence per order and
 * measure, written as the per-image table. Driver again: reads the per-image values back, computes
 * mean, std, a bootstrap interval and the ranking per (measure, order), chooses the prior, and
 * writes {@code summary/} (Parquet) and {@code prior.json}.
 */
public final class PriorJob {
  public static final String PER_IMAGE = "per_image";
  public static final String SUMMARY = "summary";
  public static final String PRIOR_JSON = "prior.json";

  static final StructType SUMMARY_SCHEMA =
      new StructType()
          .add("measure", DataTypes.StringType, false)
          .add("order", DataTypes.StringType, false)
          .add("images", DataTypes.LongType, false)
          .add("mean_reduction_pct", DataTypes.DoubleType, false)
          .add("std", DataTypes.DoubleType, false)
          .add("ci95_low", DataTypes.DoubleType, false)
          .add("ci95_high", DataTypes.DoubleType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("chosen", DataTypes.BooleanType, false);

  private PriorJob() {}

  public static PriorResult run(PriorOptions o, SparkSession spark, PrintStream log)
      throws IOException {
    long start = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    OutputDirectory.require(o.output(), conf);
    PatchDatasetInfo info = PatchDatasetInfo.read(o.input(), conf);
    PatchGrid grid = info.transform().grid();
    List<Permutation> perms = new ArrayList<>();
    for (String name : o.orders()) {
      perms.add(Orders.resolve(name, grid.rows(), grid.cols(), o.seed()));
    }
    Path splitDir = new Path(PatchFormat.splitDir(o.input(), o.split()));
    if (!splitDir.getFileSystem(conf).exists(splitDir)) {
      throw new IllegalArgumentException(
          "--split "
              + o.split()
              + " not found: no "
              + splitDir
              + " (dataset has "
              + info.splits().keySet()
              + ")");
    }
    // A seeded hash order gives a deterministic sample (and codebook images) whatever the file
    // layout. Kept for the codebook and the scoring pass, so it is computed once.
    Dataset<Row> images =
        spark
            .read()
            .parquet(splitDir.toString())
            .select(PatchFormat.IMAGE_ID, PatchFormat.LABEL, PatchFormat.PATCHES)
            .withColumn("h", xxhash64(col(PatchFormat.IMAGE_ID), lit(o.seed())))
            .orderBy("h", PatchFormat.IMAGE_ID);
    if (o.sample() > 0) {
      images = images.limit(o.sample());
    }
    images = images.drop("h").persist(StorageLevel.MEMORY_AND_DISK());

    Codebook codebook = null;
    Map<String, Object> codebookInfo = new LinkedHashMap<>();
    if (o.modes().contains("tokens")) {
      log.printf(
          "prior: k-means codebook, K=%d on the patches of %d images%n",
          o.codebookSize(), o.codebookImages());
      codebook =
          Codebook.train(
              spark,
              images.limit(o.codebookImages()),
              grid.patchDim(),
              o.codebookSize(),
              o.kmeansIterations(),
              o.seed());
      codebookInfo.put("requestedSize", o.codebookSize());
      codebookInfo.put("size", codebook.size());
      codebookInfo.put("images", o.codebookImages());
      codebookInfo.put("iterations", o.kmeansIterations());
      codebookInfo.put("algorithm", "Spark MLlib KMeans, k-means|| init");
    }

    log.printf("prior: codebook ready (%.1f s)%n", (System.nanoTime() - start) / 1e9);
    Path out = new Path(o.output());
    String perImage = new Path(out, PER_IMAGE).toString();
    log.printf(
        "prior: scoring %d orders x %s on split %s%n", perms.size(), o.measures(), o.split());
    int tasks = Math.max(2, spark.sparkContext().defaultParallelism() * 2);
    Dataset<Row> scores =
        spark.createDataFrame(
            images
                .repartition(tasks)
                .toJavaRDD()
                .mapPartitions(
                    new ImageScorer(
                        o.orders(),
                        perms,
                        o.measures(),
                        codebook,
                        grid.patchDim(),
                        o.lzmaPreset())),
            ImageScorer.SCHEMA);
    scores.write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(perImage);

    log.printf("prior: scored (%.1f s)%n", (System.nanoTime() - start) / 1e9);
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (Row r :
        spark
            .read()
            .parquet(perImage)
            .select("measure", "order", "reduction_pct")
            .collectAsList()) {
      values
          .computeIfAbsent(r.getString(0) + "\u0000" + r.getString(1), k -> new ArrayList<>())
          .add(r.getDouble(2));
    }
    List<OrderStats> stats = new ArrayList<>();
    Map<String, String> chosen = new LinkedHashMap<>();
    long imageCount = 0;
    for (Measure m : o.measures()) {
      List<OrderStats> forMeasure = new ArrayList<>();
      for (int i = 0; i < o.orders().size(); i++) {
        double[] v =
            values.getOrDefault(m.cliName() + "\u0000" + o.orders().get(i), List.of()).stream()
                .mapToDouble(Double::doubleValue)
                .toArray();
        if (v.length == 0) {
          throw new IllegalStateException("split " + o.split() + " has no images to score");
        }
        imageCount = v.length;
        forMeasure.add(
            OrderStats.of(
                m.cliName(),
                o.orders().get(i),
                v,
                o.bootstrap(),
                o.seed() + 31L * stats.size() + i));
      }
      forMeasure.sort(Comparator.comparingDouble(OrderStats::mean).reversed());
      for (int r = 0; r < forMeasure.size(); r++) {
        forMeasure.set(r, forMeasure.get(r).withRank(r + 1));
      }
      stats.addAll(forMeasure);
      OrderStats pick =
          o.rule().equals("least") ? forMeasure.get(forMeasure.size() - 1) : forMeasure.get(0);
      chosen.put(m.cliName(), pick.order());
    }
    Map<String, Integer> gridInfo = new LinkedHashMap<>();
    gridInfo.put("rows", grid.rows());
    gridInfo.put("cols", grid.cols());
    gridInfo.put("patchSize", grid.patchSize());
    gridInfo.put("channels", grid.channels());
    PriorResult result =
        new PriorResult(
            o.input(),
            o.split(),
            imageCount,
            gridInfo,
            o.orders(),
            o.measures().stream().map(Measure::cliName).toList(),
            codebookInfo,
            LzmaSettings.ofPreset(o.lzmaPreset()).describe(),
            o.rule(),
            o.measure().cliName(),
            chosen.get(o.measure().cliName()),
            chosen,
            stats,
            o.seed(),
            (System.nanoTime() - start) / 1e9);
    List<Row> summaryRows = new ArrayList<>();
    for (OrderStats s : stats) {
      summaryRows.add(
          RowFactory.create(
              s.measure(),
              s.order(),
              s.images(),
              s.mean(),
              s.std(),
              s.ciLow(),
              s.ciHigh(),
              s.rank(),
              chosen.get(s.measure()).equals(s.order())));
    }
    spark
        .createDataFrame(summaryRows, SUMMARY_SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(new Path(out, SUMMARY).toString());
    TextFiles.write(new Path(out, PRIOR_JSON), result.toJson(), conf);
    images.unpersist();
    log.print(result.table());
    return result;
  }
}
