package org.reorder.notebooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.reorder.order.Permutation;
import org.reorder.order.ScanOrder;
import org.reorder.policy.InitVariant;
import org.reorder.policy.PlackettLucePolicy;
import org.reorder.policy.ReinforceConfig;
import org.reorder.policy.ReinforceOptimizer;
import org.reorder.policy.ReinforceStats;
import org.reorder.prior.Compression;
import org.reorder.prior.LzmaScorer;
import org.reorder.prior.LzmaSettings;
import org.reorder.prior.PixelSerializer;

/**
 * A small run directory for the notes, made with the project's code where it exists on main:
 * LZMA scores of synthetic images in every paper order (LzmaScorer, PixelSerializer, ScanOrder),
 * and a REOrder policy trained by REINFORCE (ReinforceOptimizer) saved as {@code policy.json}.
 * The prior job's tables, the trainer's metrics and summary and the sweep's accuracy table are
 * written here in their documented layout (docs/notebooks.md) because their writers are not on
 * main yet. Also records the values the notes must print, computed here independently of Spark.
 */
final class RunDirectoryFixture {
  static final int GRID = 4;
  static final int PATCH = 4;
  static final int CHANNELS = 3;
  static final int PATCH_BYTES = PATCH * PATCH * CHANNELS;
  static final String RUN_ID = "tiny-vit-reorder";
  static final long SEED = 7;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  final Path root;
  /** Per order: the reductions (%) of the images, in image order. */
  final Map<String, double[]> reductions = new LinkedHashMap<>();
  /** The least compressible order: the prior. */
  String priorOrder;
  /** The policy's state at the newest checkpoint. */
  PlackettLucePolicy policy;
  /** Accuracy rows: architecture, order, mode, top-1, std error. */
  final List<Object[]> accuracy = new ArrayList<>();

  private RunDirectoryFixture(Path root) {
    this.root = root;
  }

  /** Writes the run directory under {@code root}. */
  static RunDirectoryFixture write(SparkSession spark, Path root) throws IOException {
    RunDirectoryFixture f = new RunDirectoryFixture(root);
    f.writePrior(spark);
    f.writeRun();
    f.writeAccuracy(spark);
    return f;
  }

  /** Six 16x16 RGB images: smooth, differently oriented gradients plus noise, as patch tensors. */
  private static List<byte[]> images() {
    Random rng = new Random(SEED);
    List<byte[]> images = new ArrayList<>();
    for (int image = 0; image < 6; image++) {
      double angle = image * Math.PI / 6;
      byte[] patches = new byte[GRID * GRID * PATCH_BYTES];
      int i = 0;
      for (int k = 0; k < GRID * GRID; k++) {
        for (int c = 0; c < CHANNELS; c++) {
          for (int dy = 0; dy < PATCH; dy++) {
            for (int dx = 0; dx < PATCH; dx++) {
              int y = (k / GRID) * PATCH + dy;
              int x = (k % GRID) * PATCH + dx;
              double v = 8 * (x * Math.cos(angle) + y * Math.sin(angle)) + 40 * c + rng.nextInt(4);
              patches[i++] = (byte) Math.floorMod((int) v, 256);
            }
          }
        }
      }
      images.add(patches);
    }
    return images;
  }

  private void writePrior(SparkSession spark) throws IOException {
    LzmaSettings settings = LzmaSettings.defaults();
    LzmaScorer scorer = new LzmaScorer(settings);
    List<byte[]> images = images();
    List<Row> rows = new ArrayList<>();
    for (ScanOrder order : ScanOrder.PAPER_ORDERS) {
      Permutation perm = order.permutation(GRID, GRID, SEED);
      double[] r = new double[images.size()];
      for (int i = 0; i < images.size(); i++) {
        Compression c = scorer.score(PixelSerializer.serialize(images.get(i), PATCH_BYTES, perm));
        r[i] = c.reductionPercent();
        rows.add(RowFactory.create("img-" + i, order.cliName(), "pixels", c.rawBytes(),
            c.compressedBytes(), r[i]));
      }
      reductions.put(order.cliName(), r);
    }
    StructType schema = new StructType()
        .add("image_id", DataTypes.StringType, false)
        .add("order", DataTypes.StringType, false)
        .add("mode", DataTypes.StringType, false)
        .add("raw_bytes", DataTypes.IntegerType, false)
        .add("compressed_bytes", DataTypes.IntegerType, false)
        .add("reduction_pct", DataTypes.DoubleType, false);
    Dataset<Row> perImage = spark.createDataFrame(rows, schema);
    Path prior = root.resolve("prior");
    perImage.coalesce(1).write().parquet(prior.resolve("images.parquet").toString());
    perImage.createOrReplaceTempView("prior_images");
    spark.sql("SELECT `order`, mode, count(*) AS images, avg(reduction_pct) AS mean_reduction, "
            + "avg(reduction_pct) - 1.96 * stddev(reduction_pct) / sqrt(count(*)) AS ci_low, "
            + "avg(reduction_pct) + 1.96 * stddev(reduction_pct) / sqrt(count(*)) AS ci_high "
            + "FROM prior_images GROUP BY `order`, mode")
        .coalesce(1).write().parquet(prior.resolve("summary.parquet").toString());

    double lowest = Double.POSITIVE_INFINITY;
    for (Map.Entry<String, double[]> e : reductions.entrySet()) {
      double mean = mean(e.getValue());
      if (mean < lowest) {
        lowest = mean;
        priorOrder = e.getKey();
      }
    }
    Map<String, Object> chosen = new LinkedHashMap<>();
    chosen.put("order", priorOrder);
    chosen.put("mode", "pixels");
    chosen.put("rule", "least-compressible");
    chosen.put("mean_reduction", lowest);
    chosen.put("lzma", settings.describe());
    JSON.writeValue(prior.resolve("prior.json").toFile(), chosen);
  }

  /**
   * A REOrder run on a 4x4 grid that starts from row order and is rewarded for being close to
   * column order, so its learned order moves away from the start.
   */
  private void writeRun() throws IOException {
    Path run = root.resolve("runs").resolve(RUN_ID);
    Files.createDirectories(run);
    Files.writeString(run.resolve("config.yaml"), String.join("\n",
        "name: " + RUN_ID,
        "model:", "  model_type: vit", "  patch_size: 8",
        "data:", "  source: synthetic", "  image_size: 32",
        "training:", "  epochs: 3", "  order: row", "  seed: " + SEED,
        "reinforce:", "  enabled: true", "  start_after: 1", "  stop_after: 2", ""));

    Permutation start = ScanOrder.ROW.permutation(GRID, GRID, SEED);
    Permutation target = ScanOrder.COLUMN.permutation(GRID, GRID, SEED).inverse();
    ReinforceOptimizer optimizer = new ReinforceOptimizer(
        ReinforceConfig.defaults().withLearningRate(0.05),
        PlackettLucePolicy.initFrom(start, InitVariant.MODE));
    SplittableRandom rng = new SplittableRandom(SEED);
    StringBuilder metrics = new StringBuilder();
    for (int step = 1; step <= 30; step++) {
      Permutation pi = optimizer.policy().sample(rng, 1.0);
      double displacement = 0;
      for (int slot = 0; slot < pi.size(); slot++) {
        displacement += Math.abs(slot - target.patchAt(pi.patchAt(slot)));
      }
      double reward = -displacement / pi.size();
      double baseline = optimizer.baseline();
      optimizer.step(ReinforceStats.of(optimizer.policy(), pi, new double[] {reward}, baseline));
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("kind", "train");
      line.put("step", step);
      line.put("epoch", (step - 1) / 10);
      line.put("phase", "policy");
      line.put("loss", 2.3 / Math.sqrt(step));
      line.put("lr", 1e-3);
      line.put("reward", reward);
      line.put("baseline", baseline);
      line.put("temperature", 1.0);
      line.put("policy_loss", optimizer.lastLoss());
      metrics.append(new ObjectMapper().writeValueAsString(line)).append('\n');
      if (step % 10 == 0) {
        Map<String, Object> eval = new LinkedHashMap<>();
        eval.put("kind", "eval");
        eval.put("step", step);
        eval.put("epoch", step / 10 - 1);
        eval.put("phase", "policy");
        eval.put("val_top1", 0.1 + step / 100.0);
        eval.put("val_top1_se", 0.02);
        eval.put("val_loss", 2.3 - step / 30.0);
        metrics.append(new ObjectMapper().writeValueAsString(eval)).append('\n');
        Path checkpoint = run.resolve("checkpoints").resolve(String.format("step-%08d", step));
        Files.createDirectories(checkpoint);
        optimizer.save(checkpoint.resolve("policy.json"));
      }
    }
    Files.writeString(run.resolve("metrics.jsonl"), metrics.toString());
    policy = optimizer.policy();

    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("name", RUN_ID);
    summary.put("steps", 30);
    summary.put("total_steps", 30);
    summary.put("order", policy.mode().toArray());
    summary.put("validation", Map.of("images", 128, "loss", 1.3, "top1", 0.4, "top1_se", 0.02,
        "top5", 0.9, "top5_se", 0.01));
    summary.put("policy_logits", policy.logits());
    JSON.writeValue(run.resolve("summary.json").toFile(), summary);
  }

  private void writeAccuracy(SparkSession spark) {
    String[] architectures = {"longformer", "vit"};
    String[] orders = {"column", "hilbert", "row"};
    List<Row> rows = new ArrayList<>();
    for (int a = 0; a < architectures.length; a++) {
      for (int o = 0; o < orders.length; o++) {
        double fixed = 40 + 5 * a + o;
        double reorder = fixed + (a == 0 ? 1.5 + o : 0.1);
        for (Object[] row : List.of(
            new Object[] {architectures[a], orders[o], "fixed", fixed, 0.3},
            new Object[] {architectures[a], orders[o], "reorder", reorder, 0.4})) {
          accuracy.add(row);
          rows.add(RowFactory.create(row));
        }
      }
    }
    StructType schema = new StructType()
        .add("architecture", DataTypes.StringType, false)
        .add("order", DataTypes.StringType, false)
        .add("mode", DataTypes.StringType, false)
        .add("top1", DataTypes.DoubleType, false)
        .add("std_error", DataTypes.DoubleType, false);
    spark.createDataFrame(rows, schema).coalesce(1).write()
        .parquet(root.resolve("tables").resolve("accuracy.parquet").toString());
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
