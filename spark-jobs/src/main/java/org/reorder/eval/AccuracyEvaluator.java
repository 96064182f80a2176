package org.reorder.eval;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.reorder.train.Bootstrap;
import org.reorder.train.Evaluation;

/**
 * Top-1 / top-5 accuracy and mean loss of a DataFrame {@link PatchClassifier} transformed, with the
 * trainer's bootstrap standard errors ({@link Bootstrap}), as the trainer's {@link Evaluation}.
 *
 * <p>The counts are aggregated on the cluster. Correctness is 0/1, so a bootstrap of it depends only
 * on how many images were right, not on which: the driver rebuilds the sorted 0/1 vector from the
 * counts, which makes the error independent of how the rows were partitioned.
 */
public final class AccuracyEvaluator extends Evaluator implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  /** Metric names of {@link #metricName}. */
  public static final String TOP1 = "top1";

  public static final String TOP5 = "top5";
  public static final String LOSS = "loss";

  private final String uid;
  private final Param<String> labelCol;
  private final Param<String> predictionCol;
  private final Param<String> top5Col;
  private final Param<String> lossCol;
  private final Param<String> metricName;
  private final IntParam bootstrapSamples;
  private final LongParam seed;

  public AccuracyEvaluator() {
    this(Identifiable$.MODULE$.randomUID("accuracyEvaluator"));
  }

  public AccuracyEvaluator(String uid) {
    this.uid = uid;
    labelCol = new Param<>(this, "labelCol", "integer label column");
    predictionCol = new Param<>(this, "predictionCol", "predicted class column (int)");
    top5Col = new Param<>(this, "top5Col", "top-5 classes column (array<int>)");
    lossCol = new Param<>(this, "lossCol", "per-image loss column (used when present)");
    metricName = new Param<>(this, "metricName", "what evaluate() returns: top1, top5 or loss",
        ParamValidators.inArray(new String[] {TOP1, TOP5, LOSS}));
    bootstrapSamples = new IntParam(this, "bootstrapSamples",
        "bootstrap resamples for the standard errors (>= 2)", ParamValidators.gtEq(2));
    seed = new LongParam(this, "seed", "bootstrap seed");
    setDefault(labelCol, "label");
    setDefault(predictionCol, "prediction");
    setDefault(top5Col, "top5");
    setDefault(lossCol, "loss");
    setDefault(metricName, TOP1);
    setDefault(bootstrapSamples, (Object) 1000);
    setDefault(seed, (Object) 0L);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public Param<String> top5Col() {
    return top5Col;
  }

  public Param<String> lossCol() {
    return lossCol;
  }

  public Param<String> metricName() {
    return metricName;
  }

  public IntParam bootstrapSamples() {
    return bootstrapSamples;
  }

  public LongParam seed() {
    return seed;
  }

  public AccuracyEvaluator setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  public AccuracyEvaluator setMetricName(String value) {
    set(metricName, value);
    return this;
  }

  public AccuracyEvaluator setBootstrapSamples(int value) {
    set(bootstrapSamples, (Object) value);
    return this;
  }

  public AccuracyEvaluator setSeed(long value) {
    set(seed, (Object) value);
    return this;
  }

  /** The metric {@link #metricName} names. */
  @Override
  public double evaluate(Dataset<?> dataset) {
    Evaluation e = summary(dataset);
    return switch (getOrDefault(metricName)) {
      case TOP5 -> e.top5();
      case LOSS -> e.loss();
      default -> e.top1();
    };
  }

  @Override
  public boolean isLargerBetter() {
    return !getOrDefault(metricName).equals(LOSS);
  }

  /** Every metric with its bootstrap standard error; loss is NaN without a loss column. */
  public Evaluation summary(Dataset<?> dataset) {
    String label = getOrDefault(labelCol);
    String prediction = getOrDefault(predictionCol);
    String top5 = getOrDefault(top5Col);
    String loss = getOrDefault(lossCol);
    java.util.List<String> names = Arrays.asList(dataset.columns());
    for (String c : new String[] {label, prediction, top5}) {
      if (!names.contains(c)) {
        throw new IllegalArgumentException("AccuracyEvaluator: column '" + c + "' is not in the "
            + "input (columns " + names + ")");
      }
    }
    Column lossMean = names.contains(loss) ? avg(col(loss)) : lit(Double.NaN);
    Row r = dataset.agg(count(lit(1)),
        sum(when(col(prediction).equalTo(col(label)), 1).otherwise(0)),
        sum(when(array_contains(col(top5), col(label)), 1).otherwise(0)), lossMean).first();
    int n = Math.toIntExact(r.getLong(0));
    if (n == 0) {
      throw new IllegalArgumentException("AccuracyEvaluator: the input has no rows");
    }
    long right1 = r.getLong(1);
    long right5 = r.getLong(2);
    int samples = (Integer) getOrDefault(bootstrapSamples);
    long s = (Long) getOrDefault(seed);
    return new Evaluation(n, r.isNullAt(3) ? Double.NaN : r.getDouble(3), (double) right1 / n,
        Bootstrap.standardError(zerosThenOnes(n, right1), samples, s), (double) right5 / n,
        Bootstrap.standardError(zerosThenOnes(n, right5), samples, s));
  }

  @Override
  public AccuracyEvaluator copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<AccuracyEvaluator> read() {
    return new DefaultParamsReader<>();
  }

  public static AccuracyEvaluator load(String path) {
    return read().load(path);
  }

  private static double[] zerosThenOnes(int n, long ones) {
    double[] v = new double[n];
    Arrays.fill(v, n - (int) ones, n, 1.0);
    return v;
  }
}
