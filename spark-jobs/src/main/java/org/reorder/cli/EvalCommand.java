package org.reorder.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.reorder.config.ExperimentConfig;
import org.reorder.eval.AccuracyEvaluator;
import org.reorder.eval.ModelSource;
import org.reorder.eval.PatchClassifier;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchFormat;
import org.reorder.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reorder eval}: classifies a patch Parquet dataset with a trained checkpoint on Spark
 * ({@link PatchClassifier}), writes the predictions as Parquet and the accuracy as JSON. Exit
 * codes: 0 done, 2 bad arguments (named), 1 a failure while evaluating.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates a trained checkpoint on a patch Parquet dataset with Spark",
      "(see docs/evaluation.md). Writes OUTPUT/predictions (Parquet) and OUTPUT/metrics.json;",
      "prints top-1/top-5 ± bootstrap SE."
    })
public final class EvalCommand implements Callable<Integer> {
  static final String LABEL = "label";
  static final String SPLIT = "split";
  static final String PATCHES_DIR = "patches";

  @Option(names = "--model", required = true, paramLabel = "CHECKPOINT_OR_RUN_DIR",
      description = "A checkpoint (RUN_DIR/checkpoints/step-N) or a run directory (its newest "
          + "checkpoint); local, hdfs:// or s3a://.")
  String model;

  @Option(names = "--input", required = true, paramLabel = "PATCH_PARQUET",
      description = "A patch dataset directory (reads its patches/) or Parquet files of the patch "
          + "format.")
  String input;

  @Option(names = "--split", paramLabel = "NAME",
      description = "Split to evaluate when the input has a split column (default: val).")
  String split;

  @Option(names = "--order", defaultValue = ModelSource.RUN_ORDER, paramLabel = "ORDER",
      description = "run (what the run validated with), learned (the policy's mode), prior, an "
          + "order name or custom:<list|file> (default: ${DEFAULT-VALUE}).")
  String order;

  @Option(names = "--output", paramLabel = "PATH",
      description = "Directory for predictions/ and metrics.json (must not exist). Without it, "
          + "only the metrics are printed.")
  String output;

  @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
      description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--bootstrap-samples", defaultValue = "1000", paramLabel = "N",
      description = "Bootstrap resamples for the standard errors (default: ${DEFAULT-VALUE}).")
  int bootstrapSamples;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED",
      description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin SparkOptions sparkOptions;

  /** The split actually selected (null when the input has no split column). */
  private String selectedSplit;

  @Override
  public Integer call() throws IOException {
    if (batchSize < 1) {
      System.err.println("reorder eval: --batch-size must be >= 1, got " + batchSize);
      return 2;
    }
    if (bootstrapSamples < 2) {
      System.err.println("reorder eval: --bootstrap-samples must be >= 2, got " + bootstrapSamples);
      return 2;
    }
    boolean joined = SparkSession.getActiveSession().isDefined();
    SparkSession spark = sparkOptions.session("reorder eval");
    try {
      return evaluate(spark);
    } catch (IllegalArgumentException e) {
      System.err.println("reorder eval: " + e.getMessage());
      return 2;
    } finally { // other failures end in FailureLine's one line (exit 1)
      if (!joined) {
        spark.stop();
      }
    }
  }

  private int evaluate(SparkSession spark) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> data = read(spark, conf);
    ModelSource source;
    Permutation perm;
    try {
      source = ModelSource.resolve(model, conf);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--model: " + e.getMessage(), e);
    }
    try {
      perm = source.order(order);
    } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
      throw new IllegalArgumentException("--order " + order + ": " + e.getMessage(), e);
    }
    requireSameGrid(data, source);
    if (output != null) {
      Path out = new Path(output);
      if (out.getFileSystem(conf).exists(out)) {
        throw new IllegalArgumentException("--output " + output + " already exists");
      }
    }
    boolean labelled = Arrays.asList(data.columns()).contains(LABEL);
    PatchClassifier classifier = new PatchClassifier().setModelDir(source.checkpoint())
        .setOrder(order).setBatchSize(batchSize);
    if (labelled) {
      classifier.setLabelCol(LABEL);
    }
    Dataset<Row> predictions = classifier.transform(data).drop(classifier.getOrDefault(
        classifier.inputCol()));
    if (output != null) {
      String dir = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
      predictions.write().parquet(dir + "/predictions");
      // Metrics from the written predictions: the model runs once.
      predictions = spark.read().parquet(dir + "/predictions");
    }
    if (!labelled) {
      System.out.println("no '" + LABEL + "' column: predictions only"
          + (output == null ? " (and no --output: nothing written)" : ", in " + output));
      return 0;
    }
    Evaluation e = new AccuracyEvaluator().setBootstrapSamples(bootstrapSamples).setSeed(seed)
        .summary(predictions);
    System.out.printf(Locale.ROOT,
        "%d images: top-1 %.4f ± %.4f, top-5 %.4f ± %.4f, loss %.4f (checkpoint %s, order %s)%n",
        e.images(), e.top1(), e.top1Se(), e.top5(), e.top5Se(), e.loss(), source.checkpoint(),
        order);
    if (output != null) {
      writeMetrics(conf, e, source, perm);
    }
    return 0;
  }

  /**
   * Refuses patches of another grid, patch size or channel count than the model's before any
   * task starts (on executors it would fail image by image, in a stack trace per task).
   */
  private void requireSameGrid(Dataset<Row> data, ModelSource source) {
    List<String> shape =
        List.of(PatchFormat.GRID_ROWS, PatchFormat.GRID_COLS, PatchFormat.PATCH_SIZE,
            PatchFormat.CHANNELS);
    if (!Arrays.asList(data.columns()).containsAll(shape)) {
      return; // plain Parquet without the shape columns: the executors check each image's size
    }
    List<Row> first = data.select(shape.stream().map(data::col).toArray(
        org.apache.spark.sql.Column[]::new)).limit(1).collectAsList();
    if (first.isEmpty()) {
      return;
    }
    Row r = first.get(0);
    ExperimentConfig c = source.config();
    int side = c.gridSide();
    if (r.getInt(0) != side || r.getInt(1) != side || r.getInt(2) != c.model().patchSize()
        || r.getInt(3) != c.data().channels()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "--input %s holds %dx%d grids of %d px patches with %d channels, but the model %s"
              + " reads %dx%d grids of %d px patches with %d channels; prepare the input with"
              + " its --image-size %d, --patch-size %d and --channels %d",
          input, r.getInt(0), r.getInt(1), r.getInt(2), r.getInt(3), source.checkpoint(), side,
          side, c.model().patchSize(), c.data().channels(), c.data().imageSize(),
          c.model().patchSize(), c.data().channels()));
    }
  }

  /** The input rows: a dataset directory's patches/ or the Parquet at --input, one split. */
  private Dataset<Row> read(SparkSession spark, Configuration conf) throws IOException {
    Path in = new Path(input);
    FileSystem fs = in.getFileSystem(conf);
    if (!fs.exists(in)) {
      throw new IllegalArgumentException("--input " + input + " does not exist");
    }
    Path patches = new Path(in, PATCHES_DIR);
    Dataset<Row> data = spark.read().parquet(
        fs.getFileStatus(in).isDirectory() && fs.exists(patches) ? patches.toString() : input);
    boolean hasSplit = Arrays.asList(data.columns()).contains(SPLIT);
    if (!hasSplit) {
      if (split != null) {
        throw new IllegalArgumentException("--split " + split + ": the input " + input
            + " has no split column");
      }
      return data;
    }
    String wanted = split != null ? split : "val";
    selectedSplit = wanted;
    Dataset<Row> one = data.filter(data.col(SPLIT).equalTo(wanted));
    if (one.isEmpty()) {
      List<String> present = data.select(SPLIT).distinct().as(
          org.apache.spark.sql.Encoders.STRING()).collectAsList();
      throw new IllegalArgumentException("--split " + wanted + ": the input has no rows of "
          + "that split (splits: " + present + ")");
    }
    return one;
  }

  private void writeMetrics(Configuration conf, Evaluation e, ModelSource source,
      Permutation perm) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode node = json.createObjectNode();
    node.put("checkpoint", source.checkpoint());
    node.put("input", input);
    node.put("split", selectedSplit);
    node.put("order_spec", order);
    node.set("order", json.valueToTree(perm.toArray()));
    node.setAll((ObjectNode) json.valueToTree(e));
    Path file = new Path(output, "metrics.json");
    try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
      out.write(json.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
    }
  }
}
