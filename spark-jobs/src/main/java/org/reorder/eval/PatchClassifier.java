package org.reorder.eval;

import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.reorder.order.Permutation;
import org.reorder.round.HadoopConf;

/**
 * A Spark ML Transformer that classifies patch tensors with a trained backbone: the role the DJL
 * Spark extension's predictors play, for this project's checkpoints.
 *
 * <p>Input: a binary column ({@link #inputCol}, default {@code patches}) holding each image's uint8
 * patch tensor {@code [N, C*p*p]} as the patch Parquet stores it, and optionally an integer label
 * column ({@link #labelCol}). Output: the input columns plus {@code prediction} (int), {@code
 * probability} (array&lt;float&gt;, one per class), {@code top5} (array&lt;int&gt;, best first) and,
 * with labels, {@code loss} (double, the image's cross-entropy).
 *
 * <p>The split between driver and executors, in {@link #transform}: the driver resolves {@link
 * #modelDir} to a checkpoint and its run config and the order spec to a permutation (so a bad
 * path or order fails before any task runs); each task then scores its partition in batches of
 * {@link #batchSize} with the model its executor JVM loaded once ({@link ModelCache}) on the
 * task's device ({@link org.reorder.device.TaskDevice}). Nothing comes back but the rows; a
 * retried task recomputes its partition from the same inputs.
 */
public final class PatchClassifier extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> modelDir;
  private final Param<String> order;
  private final Param<String> inputCol;
  private final Param<String> labelCol;
  private final Param<String> idCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> top5Col;
  private final Param<String> lossCol;
  private final IntParam batchSize;

  public PatchClassifier() {
    this(Identifiable$.MODULE$.randomUID("patchClassifier"));
  }

  /** With a given uid (used by {@link #copy} and when a saved pipeline is read back). */
  public PatchClassifier(String uid) {
    this.uid = uid;
    // Params name their parent by uid, so they are created after it is set.
    modelDir = name("modelDir", "checkpoint directory (RUN_DIR/checkpoints/step-N) or run "
        + "directory (its newest checkpoint); any Hadoop FileSystem URI");
    order = name("order", "patch order: 'run' (what the run validated with), 'learned' (the "
        + "policy's mode), 'prior' (the configured order), an order name or custom:<list|file>");
    inputCol = name("inputCol", "binary column of uint8 patch tensors [N, C*p*p]");
    labelCol = name("labelCol", "optional integer label column; when set, a loss column is added");
    idCol = name("idCol", "image id column, used to name images in errors when present");
    predictionCol = name("predictionCol", "output column: the most probable class (int)");
    probabilityCol = name("probabilityCol", "output column: class probabilities (array<float>)");
    top5Col = name("top5Col", "output column: the five most probable classes (array<int>)");
    lossCol = name("lossCol", "output column: cross-entropy against the label (double)");
    batchSize = new IntParam(this, "batchSize", "images per forward pass (>= 1)",
        ParamValidators.gtEq(1));
    setDefault(order, ModelSource.RUN_ORDER);
    setDefault(inputCol, "patches");
    setDefault(idCol, "image_id");
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(top5Col, "top5");
    setDefault(lossCol, "loss");
    setDefault(batchSize, (Object) 64);
  }

  private Param<String> name(String name, String doc) {
    // Serializable like every part of a Params object (Spark may ship transformers in closures).
    return new Param<>(this, name, doc,
        (scala.Function1<String, Object> & java.io.Serializable) v -> v != null && !v.isBlank());
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> modelDir() {
    return modelDir;
  }

  public Param<String> order() {
    return order;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> idCol() {
    return idCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  public Param<String> top5Col() {
    return top5Col;
  }

  public Param<String> lossCol() {
    return lossCol;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public PatchClassifier setModelDir(String value) {
    set(modelDir, value);
    return this;
  }

  public PatchClassifier setOrder(String value) {
    set(order, value);
    return this;
  }

  public PatchClassifier setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public PatchClassifier setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  public PatchClassifier setIdCol(String value) {
    set(idCol, value);
    return this;
  }

  public PatchClassifier setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  public PatchClassifier setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  public PatchClassifier setTop5Col(String value) {
    set(top5Col, value);
    return this;
  }

  public PatchClassifier setLossCol(String value) {
    set(lossCol, value);
    return this;
  }

  public PatchClassifier setBatchSize(int value) {
    set(batchSize, (Object) value);
    return this;
  }

  public String getModelDir() {
    return getOrDefault(modelDir);
  }

  public String getOrder() {
    return getOrDefault(order);
  }

  public int getBatchSize() {
    return (Integer) getOrDefault(batchSize);
  }

  /** Whether a label column is set (and so a loss column is added). */
  public boolean hasLabels() {
    return isDefined(labelCol);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!isDefined(modelDir)) {
      throw new IllegalArgumentException("PatchClassifier: param modelDir is not set");
    }
    List<String> names = Arrays.asList(schema.fieldNames());
    requireColumn(schema, getOrDefault(inputCol), "inputCol", DataTypes.BinaryType,
        "binary (a uint8 patch tensor)");
    if (hasLabels()) {
      String label = getOrDefault(labelCol);
      requireColumn(schema, label, "labelCol", null, "an integer type");
      DataType t = schema.apply(label).dataType();
      if (!(t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType)
          || t.equals(DataTypes.ShortType) || t.equals(DataTypes.ByteType))) {
        throw new IllegalArgumentException("labelCol '" + label + "' must be an integer type, "
            + "got " + t.simpleString());
      }
    }
    StructType out = schema;
    for (Param<String> p : outputs()) {
      String col = getOrDefault(p);
      if (names.contains(col)) {
        throw new IllegalArgumentException(p.name() + " '" + col + "' already exists in the input "
            + "(columns " + names + "); choose another name");
      }
      out = out.add(new StructField(col, outputType(p), false,
          org.apache.spark.sql.types.Metadata.empty()));
    }
    return out;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType in = dataset.schema();
    StructType out = transformSchema(in, true);
    Configuration conf = new Configuration(
        dataset.sparkSession().sparkContext().hadoopConfiguration());
    ModelSource source = ModelSource.resolve(getModelDir(), conf);
    Permutation perm;
    try {
      perm = source.order(getOrder());
    } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
      throw new IllegalArgumentException("PatchClassifier param order '" + getOrder() + "': "
          + e.getMessage(), e);
    }
    List<String> names = Arrays.asList(in.fieldNames());
    String id = getOrDefault(idCol);
    ScoringSpec spec = new ScoringSpec(source.params(), source.paramsModified(),
        source.configYaml(), perm.toArray(), getBatchSize(), in.fieldIndex(getOrDefault(inputCol)),
        getOrDefault(inputCol), hasLabels() ? in.fieldIndex(getOrDefault(labelCol)) : -1,
        names.contains(id) ? in.fieldIndex(id) : -1, new HadoopConf(conf));
    return dataset.toDF().mapPartitions(new ScorePartition(spec), Encoders.row(out));
  }

  @Override
  public PatchClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Reads a PatchClassifier written by {@code write().save(path)} (also inside a pipeline). */
  public static MLReader<PatchClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static PatchClassifier load(String path) {
    return read().load(path);
  }

  private List<Param<String>> outputs() {
    return hasLabels() ? List.of(predictionCol, probabilityCol, top5Col, lossCol)
        : List.of(predictionCol, probabilityCol, top5Col);
  }

  private DataType outputType(Param<String> p) {
    if (p == predictionCol) {
      return DataTypes.IntegerType;
    }
    if (p == probabilityCol) {
      return new ArrayType(DataTypes.FloatType, false);
    }
    if (p == top5Col) {
      return new ArrayType(DataTypes.IntegerType, false);
    }
    return DataTypes.DoubleType;
  }

  private static void requireColumn(StructType schema, String col, String param,
      DataType type, String expected) {
    if (!Arrays.asList(schema.fieldNames()).contains(col)) {
      throw new IllegalArgumentException(param + " '" + col + "' is not a column of the input "
          + "(columns " + Arrays.toString(schema.fieldNames()) + ")");
    }
    DataType actual = schema.apply(col).dataType();
    if (type != null && !actual.equals(type)) {
      throw new IllegalArgumentException(param + " '" + col + "' must be " + expected + ", got "
          + actual.simpleString());
    }
  }
}
