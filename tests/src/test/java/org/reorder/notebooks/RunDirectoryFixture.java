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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.reorder.config.ExperimentConfig;
import org.reorder.order.Permutation;
import org.reorder.order.ScanOrder;
import org.reorder.policy.InitVariant;
import org.reorder.policy.PlackettLucePolicy;
import org.reorder.policy.ReinforceOptimizer;
import org.reorder.policy.ReinforceStats;
import org.reorder.prior.Compression;
import org.reorder.prior.LzmaScorer;
import org.reorder.prior.LzmaSettings;
import org.reorder.prior.PixelSerializer;
import org.reorder.train.Checkpoints;
import org.reorder.train.Evaluation;
import org.reorder.train.MetricsLog;
import org.reorder.train.RunState;
import org.reorder.train.RunSummary;

/**
 * A small run directory for the notes, made with the project's code where it is on main: LZMA
 * scores of synthetic images in every paper order ({@link LzmaScorer}, {@link PixelSerializer},
 * {@link ScanOrder}); a REOrder run whose policy is trained by REINFORCE ({@link
 * ReinforceOptimizer}) and written by the trainer's writers ({@link ExperimentConfig#resolvedYaml},
 * {@link MetricsLog}, {@link Checkpoints}, {@link RunSummary}). The prior job's outputs and the
 * sweep's accuracy table are written here with Spark in the layout of their writers on the {@code
 * dataprep} and {@code sweep} branches (docs/notebooks.md), which are not on main yet. Also records
 * the values the notes must print, computed here without Spark.
 */
final class RunDirectoryFixture {
  static final int GRID = 4;
  static final int PATCH = 4;
  static final int CHANNELS = 3;
  static final int PATCH_BYTES = PATCH * PATCH * CHANNELS;
  static final String RUN_ID = "tiny-vit-reorder";
  static final long SEED = 7;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  final Path root;

  /** Per order: the reductions (%) of the images, in image order. */
  final Map<String, double[]> reductions = new LinkedHashMap<>();

  /** The least compressible order: the prior. */
  String priorOrder;

  /** The policy's state at the newest checkpoint. */
  PlackettLucePolicy policy;

  /** Accuracy rows: architecture, order, mode, run id, top-1, its std error (in [0, 1]). */
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
    List<Row> perImage = new ArrayList<>();
    for (ScanOrder order : ScanOrder.PAPER_ORDERS) {
      Permutation perm = order.permutation(GRID, GRID, SEED);
      double[] r = new double[images.size()];
      for (int i = 0; i < images.size(); i++) {
        Compression c = scorer.score(PixelSerializer.serialize(images.get(i), PATCH_BYTES, perm));
        r[i] = c.reductionPercent();
        perImage.add(
            RowFactory.create(
                "img-" + i,
                i % 2,
                order.cliName(),
                "pixels",
                c.rawBytes(),
                c.compressedBytes(),
                r[i]));
      }
      reductions.put(order.cliName(), r);
    }
    Path prior = root.resolve("prior");
    spark
        .createDataFrame(
            perImage,
            new StructType()
                .add("image_id", DataTypes.StringType, false)
                .add("label", DataTypes.IntegerType, false)
                .add("order", DataTypes.StringType, false)
                .add("measure", DataTypes.StringType, false)
                .add("raw_bytes", DataTypes.IntegerType, false)
                .add("compressed_bytes", DataTypes.IntegerType, false)
                .add("reduction_pct", DataTypes.DoubleType, false))
        .coalesce(1)
        .write()
        .parquet(prior.resolve("per_image").toString());

    // rank 1 = most compressible; the prior is the least compressible (the paper's rule)
    List<String> byMean = new ArrayList<>(reductions.keySet());
    byMean.sort((x, y) -> Double.compare(mean(reductions.get(y)), mean(reductions.get(x))));
    priorOrder = byMean.get(byMean.size() - 1);
    List<Row> summary = new ArrayList<>();
    List<Map<String, Object>> stats = new ArrayList<>();
    for (int rank = 1; rank <= byMean.size(); rank++) {
      String order = byMean.get(rank - 1);
      double[] r = reductions.get(order);
      double mean = mean(r);
      double sd = 0;
      for (double v : r) {
        sd += (v - mean) * (v - mean) / (r.length - 1);
      }
      sd = Math.sqrt(sd);
      double half = 1.96 * sd / Math.sqrt(r.length);
      summary.add(
          RowFactory.create(
              "pixels",
              order,
              (long) r.length,
              mean,
              sd,
              mean - half,
              mean + half,
              rank,
              order.equals(priorOrder)));
      stats.add(
          Map.of(
              "measure",
              "pixels",
              "order",
              order,
              "images",
              r.length,
              "mean",
              mean,
              "std",
              sd,
              "ciLow",
              mean - half,
              "ciHigh",
              mean + half,
              "rank",
              rank));
    }
    spark
        .createDataFrame(
            summary,
            new StructType()
                .add("measure", DataTypes.StringType, false)
                .add("order", DataTypes.StringType, false)
                .add("images", DataTypes.LongType, false)
                .add("mean_reduction_pct", DataTypes.DoubleType, false)
                .add("std", DataTypes.DoubleType, false)
                .add("ci95_low", DataTypes.DoubleType, false)
                .add("ci95_high", DataTypes.DoubleType, false)
                .add("rank", DataTypes.IntegerType, false)
                .add("chosen", DataTypes.BooleanType, false))
        .coalesce(1)
        .write()
        .parquet(prior.resolve("summary").toString());

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("input", "synthetic");
    result.put("split", "train");
    result.put("images", images.size());
    result.put(
        "grid", Map.of("rows", GRID, "cols", GRID, "patchSize", PATCH, "channels", CHANNELS));
    result.put("orders", List.copyOf(reductions.keySet()));
    result.put("measures", List.of("pixels"));
    result.put("codebook", Map.of());
    result.put("lzma", settings.describe());
    result.put("rule", "least");
    result.put("measure", "pixels");
    result.put("prior", priorOrder);
    result.put("priorByMeasure", Map.of("pixels", priorOrder));
    result.put("stats", stats);
    result.put("seed", SEED);
    result.put("seconds", 0.5);
    JSON.writeValue(prior.resolve("prior.json").toFile(), result);
  }

  /**
   * A REOrder run on a 4x4 grid that starts from row order and is rewarded for being close to
   * column order, so its learned order moves away from the start.
   */
  private void writeRun() throws IOException {
    Path run = root.resolve("runs").resolve(RUN_ID);
    Files.createDirectories(run);
    ExperimentConfig config =
        ExperimentConfig.parse(
            String.join(
                "\n",
                "model: {model_type: vit, width: 32, depth: 1, heads: 2, patch_size: 8}",
                "data: {source: synthetic, image_size: 32, channels: 3, num_classes: 10}",
                "training: {epochs: 3, warmup_epochs: 1, batch_size: 32, order: row, seed: "
                    + SEED
                    + "}",
                "reinforce: {enabled: true, start_after: 0, stop_after: 3, policy_lr: 0.05}",
                ""),
            "fixture",
            RUN_ID,
            List.of());
    Files.writeString(run.resolve("config.yaml"), config.resolvedYaml());

    Permutation start = ScanOrder.ROW.permutation(GRID, GRID, SEED);
    Permutation target = ScanOrder.COLUMN.permutation(GRID, GRID, SEED).inverse();
    ReinforceOptimizer optimizer =
        new ReinforceOptimizer(
            config.reinforce().policy(), PlackettLucePolicy.initFrom(start, InitVariant.MODE));
    SplittableRandom rng = new SplittableRandom(SEED);
    Checkpoints checkpoints = new Checkpoints(run, 2);
    int stepsPerEpoch = 10;
    try (MetricsLog metrics = new MetricsLog(run.resolve("metrics.jsonl"))) {
      for (int step = 1; step <= 30; step++) {
        // rewarded for feeding patches close to where column order would
        Permutation pi = optimizer.policy().sample(rng, 1.0);
        double displacement = 0;
        for (int slot = 0; slot < pi.size(); slot++) {
          displacement += Math.abs(slot - target.patchAt(pi.patchAt(slot)));
        }
        double reward = -displacement / pi.size();
        double baseline = optimizer.baseline();
        optimizer.step(ReinforceStats.of(optimizer.policy(), pi, new double[] {reward}, baseline));
        int epoch = (step - 1) / stepsPerEpoch;
        metrics.write(
            MetricsLog.line("train")
                .put("step", step)
                .put("epoch", epoch)
                .put("phase", "policy")
                .put("loss", 2.3 / Math.sqrt(step))
                .put("lr", 1e-3)
                .put("reward", reward)
                .put("baseline", baseline)
                .put("temperature", 1.0)
                .put("policy_loss", optimizer.lastLoss()));
        if (step % stepsPerEpoch == 0) {
          metrics.write(
              MetricsLog.line("eval")
                  .put("step", step)
                  .put("epoch", epoch)
                  .put("phase", "policy")
                  .put("val_loss", 2.3 - step / 30.0)
                  .put("val_top1", 0.1 + step / 100.0)
                  .put("val_top1_se", 0.02));
          checkpoints.save(
              new RunState(
                  RunState.FORMAT_VERSION,
                  step,
                  step / stepsPerEpoch,
                  0,
                  stepsPerEpoch,
                  SEED,
                  "policy",
                  optimizer.baseline()),
              dir -> optimizer.save(dir.resolve("policy.json")));
        }
      }
    }
    policy = optimizer.policy();
    RunSummary summary =
        new RunSummary(
            RUN_ID,
            30,
            30,
            policy.mode().toArray(),
            new Evaluation(128, 1.3, 0.4, 0.02, 0.9, 0.01),
            policy.logits());
    JSON.writeValue(run.resolve("summary.json").toFile(), summary);
  }

  /** The sweep's table: 2 architectures x 3 orders x 2 modes, accuracies in [0, 1]. */
  private void writeAccuracy(SparkSession spark) {
    String[] architectures = {"longformer", "vit"};
    String[] orders = {"column", "hilbert", "row"};
    List<Row> rows = new ArrayList<>();
    for (int a = 0; a < architectures.length; a++) {
      for (int o = 0; o < orders.length; o++) {
        double fixed = 0.40 + 0.05 * a + 0.01 * o;
        double reorder = fixed + (a == 0 ? 0.015 + 0.01 * o : 0.001);
        for (Object[] row :
            List.of(
                new Object[] {architectures[a], orders[o], "fixed", fixed, 0.003},
                new Object[] {architectures[a], orders[o], "reorder", reorder, 0.004})) {
          String runId = row[0] + "-" + row[1] + "-" + row[2];
          accuracy.add(new Object[] {row[0], row[1], row[2], runId, row[3], row[4]});
          rows.add(
              RowFactory.create(
                  row[0], row[1], row[2], runId, row[3], row[4], 0.9, 0.01, 1.5, 128, 30));
        }
      }
    }
    StructType schema =
        new StructType()
            .add("architecture", DataTypes.StringType)
            .add("order", DataTypes.StringType)
            .add("mode", DataTypes.StringType)
            .add("run_id", DataTypes.StringType)
            .add("top1", DataTypes.DoubleType)
            .add("top1_se", DataTypes.DoubleType)
            .add("top5", DataTypes.DoubleType)
            .add("top5_se", DataTypes.DoubleType)
            .add("loss", DataTypes.DoubleType)
            .add("images", DataTypes.IntegerType)
            .add("steps", DataTypes.IntegerType);
    spark
        .createDataFrame(rows, schema)
        .coalesce(1)
        .write()
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
