package org.reorder.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.order.Permutation;
import org.reorder.order.ScanOrder;
import org.reorder.train.Evaluation;

class PatchClassifierTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static TinyRun run;
  private static TinyRun.Reference runOrder;

  @BeforeAll
  static void setUp() throws Exception {
    run = TinyRun.train(dir.resolve("run"));
    runOrder = run.reference(null);
    spark = SparkSession.builder().master("local[2]").appName("PatchClassifierTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    spark.stop();
  }

  private static PatchClassifier classifier() {
    return new PatchClassifier().setModelDir(run.runDir.toString()).setLabelCol("label")
        .setBatchSize(3);
  }

  private static List<Row> sorted(Dataset<Row> predictions) {
    return predictions.collectAsList().stream()
        .sorted(Comparator.comparingInt(r -> TinyRun.index(r.getAs("image_id")))).toList();
  }

  /** Prediction, probabilities, top-5 and loss of every image against the trainer's. */
  private static void assertMatches(TinyRun.Reference ref, List<Row> rows) {
    assertEquals(run.val.size(), rows.size());
    for (Row r : rows) {
      int i = TinyRun.index(r.getAs("image_id"));
      double[] p = ref.probabilities()[i];
      Integer[] best = IntStream.range(0, p.length).boxed()
          .sorted(Comparator.comparingDouble((Integer k) -> -p[k])).toArray(Integer[]::new);
      assertEquals(best[0], r.<Integer>getAs("prediction"), "prediction of image " + i);
      List<Float> probs = r.getList(r.fieldIndex("probability"));
      for (int k = 0; k < p.length; k++) {
        assertEquals(p[k], probs.get(k), 1e-5, "p(" + k + ") of image " + i);
      }
      List<Integer> top5 = r.getList(r.fieldIndex("top5"));
      assertEquals(List.of(best).subList(0, 5), top5, "top-5 of image " + i);
      assertEquals(ref.output().losses()[i], r.<Double>getAs("loss"), 1e-5, "loss of " + i);
      int label = r.getAs("label");
      assertEquals(ref.output().top1()[i], best[0] == label);
      assertEquals(ref.output().top5()[i], top5.contains(label));
    }
  }

  @Test
  void predictionsEqualTheTrainersInTheRunsOrder() {
    Dataset<Row> out = classifier().transform(run.frame(spark, 3));
    assertEquals(DataTypes.IntegerType, out.schema().apply("prediction").dataType());
    assertMatches(runOrder, sorted(out));
  }

  @Test
  void theRunOrderIsThePolicysModeAfterThePolicyPhase() throws Exception {
    Permutation mode = ModelSource.resolve(run.runDir.toString(),
        spark.sparkContext().hadoopConfiguration()).order(ModelSource.LEARNED_ORDER);
    assertArrayEquals(runOrder.order().toArray(), mode.toArray());
  }

  @Test
  void anExplicitOrderIsFedToTheModel() throws Exception {
    Permutation row = ScanOrder.ROW.permutation(4, 4, 0);
    TinyRun.Reference ref = run.reference(row);
    List<Row> rows = sorted(classifier().setOrder("row").transform(run.frame(spark, 2)));
    assertMatches(ref, rows);
    // and the order matters: the run's order gives other probabilities
    double maxDiff = 0;
    for (int i = 0; i < run.val.size(); i++) {
      for (int k = 0; k < 6; k++) {
        maxDiff = Math.max(maxDiff,
            Math.abs(ref.probabilities()[i][k] - runOrder.probabilities()[i][k]));
      }
    }
    assertTrue(maxDiff > 1e-3, "row and the run's order give the same outputs: " + maxDiff);
  }

  @Test
  void aCheckpointDirectoryReadsItsRunsConfig() throws Exception {
    var conf = spark.sparkContext().hadoopConfiguration();
    ModelSource fromRun = ModelSource.resolve(run.runDir.toString(), conf);
    Path checkpoint = Path.of(fromRun.checkpoint().replaceFirst("^file:", ""));
    assertTrue(checkpoint.getFileName().toString().matches("step-\\d{8}"), checkpoint.toString());
    ModelSource direct = ModelSource.resolve(checkpoint.toString(), conf);
    assertEquals(fromRun.configYaml(), direct.configYaml());
    assertEquals(fromRun.params(), direct.params());
    assertArrayEquals(fromRun.order("run").toArray(), direct.order("run").toArray());
    assertArrayEquals(ScanOrder.HILBERT.permutation(4, 4, 0).toArray(),
        direct.order("prior").toArray());

    // a checkpoint copied away from its run directory has no config to read
    Path lonely = dir.resolve("lonely");
    java.nio.file.Files.createDirectories(lonely);
    java.nio.file.Files.copy(checkpoint.resolve("model.params"), lonely.resolve("model.params"));
    var e = assertThrows(IllegalArgumentException.class,
        () -> ModelSource.resolve(lonely.toString(), conf));
    assertTrue(e.getMessage().contains("found no config.yaml"), e.getMessage());
    java.nio.file.Files.copy(run.runDir.resolve("config.yaml"), lonely.resolve("config.yaml"));
    ModelSource withConfig = ModelSource.resolve(lonely.toString(), conf);
    var noPolicy = assertThrows(IllegalArgumentException.class,
        () -> withConfig.order("learned"));
    assertTrue(noPolicy.getMessage().contains("has no policy.json"), noPolicy.getMessage());
    // without state.json or policy.json, 'run' falls back to the prior
    assertArrayEquals(direct.order("prior").toArray(), withConfig.order("run").toArray());
  }

  @Test
  void loadsTheModelOncePerExecutorJvm() {
    ModelCache.closeAll();
    int before = ModelCache.loads();
    Dataset<Row> frame = run.frame(spark, 4);
    assertEquals(4, frame.rdd().getNumPartitions());
    PatchClassifier c = classifier().setBatchSize(2);
    assertEquals(run.val.size(), c.transform(frame).count());
    assertEquals(run.val.size(), c.transform(frame).filter("prediction >= 0").count());
    // two jobs of 4 partitions each, on 2 task threads of this one JVM (local mode): one load
    assertEquals(before + 1, ModelCache.loads());
  }

  @Test
  void accuracyEqualsTheTrainersEvaluation() {
    Dataset<Row> out = classifier().transform(run.frame(spark, 3));
    AccuracyEvaluator evaluator = new AccuracyEvaluator().setBootstrapSamples(2000).setSeed(3);
    Evaluation e = evaluator.summary(out);
    double n = run.val.size();
    double top1 = count(runOrder.output().top1()) / n;
    double top5 = count(runOrder.output().top5()) / n;
    assertEquals(run.val.size(), e.images());
    assertEquals(top1, e.top1(), 1e-12);
    assertEquals(top5, e.top5(), 1e-12);
    assertEquals(runOrder.output().meanLoss(), e.loss(), 1e-5);
    // the bootstrap SE of a proportion approaches sqrt(p(1-p)/n); 2000 resamples: ~2% noise
    assertEquals(Math.sqrt(top1 * (1 - top1) / n), e.top1Se(),
        0.1 * Math.sqrt(top1 * (1 - top1) / n) + 1e-12);
    assertEquals(top1, evaluator.evaluate(out), 1e-12);
    assertEquals(e.loss(), evaluator.setMetricName("loss").evaluate(out), 1e-12);
    assertFalse(evaluator.isLargerBetter());

    String path = dir.resolve("evaluator").toString();
    try {
      evaluator.write().overwrite().save(path);
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
    AccuracyEvaluator back = AccuracyEvaluator.load(path);
    assertEquals("loss", back.getOrDefault(back.metricName()));
    Evaluation again = back.summary(out);
    // counts-based numbers are exact; the loss mean may sum partitions in another order
    assertEquals(e.top1Se(), again.top1Se());
    assertEquals(e.top5Se(), again.top5Se());
    assertEquals(e.loss(), again.loss(), 1e-12);
  }

  private static int count(boolean[] b) {
    int c = 0;
    for (boolean x : b) {
      c += x ? 1 : 0;
    }
    return c;
  }

  @Test
  void aSavedPipelineReloadsAndPredictsTheSame() throws Exception {
    Dataset<Row> frame = run.frame(spark, 2);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {
        classifier().setOrder("learned").setPredictionCol("pred")}).fit(frame);
    String path = dir.resolve("pipeline").toString();
    fitted.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    PatchClassifier stage = (PatchClassifier) loaded.stages()[0];
    assertEquals("learned", stage.getOrder());
    assertEquals(3, stage.getBatchSize());
    assertEquals(fitted.stages()[0].uid(), stage.uid());
    List<Row> a = sorted(fitted.transform(frame).drop("patches"));
    List<Row> b = sorted(loaded.transform(frame).drop("patches"));
    assertEquals(a, b);

    String single = dir.resolve("classifier").toString();
    classifier().setOrder("spiral").write().overwrite().save(single);
    PatchClassifier back = PatchClassifier.load(single);
    assertEquals("spiral", back.getOrder());
    assertEquals(run.runDir.toString(), back.getModelDir());
    assertEquals(back.getOrder(), back.copy(new org.apache.spark.ml.param.ParamMap()).getOrder());
    PatchClassifier shipped = org.apache.commons.lang3.SerializationUtils.roundtrip(back);
    assertEquals("spiral", shipped.getOrder());
    assertThrows(IllegalArgumentException.class, () -> shipped.setOrder(" "));
  }

  @Test
  void schemaErrorsNameTheColumn() {
    Dataset<Row> frame = run.frame(spark, 1);
    var e1 = assertThrows(IllegalArgumentException.class,
        () -> classifier().setInputCol("pixels").transformSchema(frame.schema()));
    assertTrue(e1.getMessage().contains("inputCol 'pixels' is not a column"), e1.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> classifier().setInputCol("image_id").transformSchema(frame.schema()));
    assertTrue(e2.getMessage().contains("inputCol 'image_id' must be binary"), e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class,
        () -> classifier().setLabelCol("label_name").transformSchema(frame.schema()));
    assertTrue(e3.getMessage().contains("labelCol 'label_name' must be an integer type"),
        e3.getMessage());
    var e4 = assertThrows(IllegalArgumentException.class,
        () -> classifier().setPredictionCol("split").transformSchema(frame.schema()));
    assertTrue(e4.getMessage().contains("predictionCol 'split' already exists"), e4.getMessage());
    var e5 = assertThrows(IllegalArgumentException.class,
        () -> new PatchClassifier().transformSchema(frame.schema()));
    assertTrue(e5.getMessage().contains("modelDir is not set"), e5.getMessage());
    assertThrows(IllegalArgumentException.class, () -> classifier().setBatchSize(0));
  }

  @Test
  void badModelDirOrderOrPatchesAreReportedClearly() {
    Dataset<Row> frame = run.frame(spark, 1);
    var e1 = assertThrows(IllegalArgumentException.class, () -> classifier()
        .setModelDir(dir.resolve("nowhere").toString()).transform(frame));
    assertTrue(e1.getMessage().contains("is neither a checkpoint"), e1.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> classifier().setOrder("zigzag").transform(frame));
    assertTrue(e2.getMessage().contains("param order 'zigzag'"), e2.getMessage());
    Dataset<Row> truncated = frame.withColumn("patches",
        functions.substring(functions.col("patches"), 1, 10));
    var e3 = assertThrows(Exception.class, () -> classifier().transform(truncated).count());
    String all = org.apache.commons.lang3.exception.ExceptionUtils.getStackTrace(e3);
    assertTrue(all.contains("column 'patches' of image val-"), all);
  }
}
