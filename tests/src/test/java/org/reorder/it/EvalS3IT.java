package org.reorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.cli.ReorderCli;
import org.reorder.config.ExperimentConfig;
import org.reorder.patch.PatchBatch;
import org.reorder.testing.S3ProxyServer;
import org.reorder.train.Curriculum;
import org.reorder.data.DataSplits;
import org.reorder.train.Evaluation;
import org.reorder.data.SyntheticPatches;

/**
 * {@code reorder eval} with the model and the patch dataset on a real S3Proxy: the checkpoint is
 * streamed from s3a:// by the executors (the session's S3A settings travel with the tasks), the
 * predictions and metrics are written back to s3a://, and the metrics equal the trainer's own
 * validation of the same checkpoint.
 */
class EvalS3IT {
  private static final String EXPERIMENT = """
      model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 4}
      data: {source: synthetic, image_size: 16, channels: 3, num_classes: 4,
             synthetic: {train_size: 32, val_size: 16, noise: 0.3}}
      training: {epochs: 2, batch_size: 8, lr: 3.0e-3, warmup_epochs: 0, order: spiral,
                 bootstrap_samples: 100}
      runtime: {device: cpu, progress: false}
      """;

  @TempDir static Path dir;
  private static S3ProxyServer s3;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start(dir.resolve("s3"));
    s3.createBucket("eval");
    spark = s3.sparkSession("local[2]", "eval-s3-it");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void evaluatesACheckpointAndDatasetOnS3() throws Exception {
    ExperimentConfig c = ExperimentConfig.parse(EXPERIMENT, "it", "it", List.of());
    Path runDir = dir.resolve("run");
    Evaluation expected;
    try (Curriculum run = Curriculum.start(c, DataSplits.open(c), runDir, Device.cpu())) {
      expected = run.run().validation();
    }
    var conf = spark.sparkContext().hadoopConfiguration();
    org.apache.hadoop.fs.Path remoteRun = new org.apache.hadoop.fs.Path("s3a://eval/run");
    FileSystem fs = remoteRun.getFileSystem(conf);
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(runDir.toUri()), remoteRun);

    // The validation images as a patch dataset on s3a.
    var model = c.modelConfig();
    var syn = c.data().synthetic();
    PatchBatch val = new SyntheticPatches(model.numPatches(), model.patchDim(),
        c.data().numClasses(), syn.noise(), syn.seed()).split(c.data().valSplit(), syn.valSize());
    StructType schema = new StructType().add("image_id", DataTypes.StringType)
        .add("label", DataTypes.IntegerType).add("split", DataTypes.StringType)
        .add("patches", DataTypes.BinaryType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < val.size(); i++) {
      rows.add(RowFactory.create(val.imageIds()[i], val.labels()[i], "val", val.image(i)));
    }
    spark.createDataFrame(rows, schema).repartition(2).write().partitionBy("split")
        .parquet("s3a://eval/dataset/patches");

    int code = ReorderCli.run("eval", "--model", "s3a://eval/run", "--input",
        "s3a://eval/dataset", "--output", "s3a://eval/out", "--batch-size", "5",
        "--bootstrap-samples", "100");
    assertEquals(0, code);
    JsonNode m;
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("s3a://eval/out/metrics.json"))) {
      m = new ObjectMapper().readTree(in);
    }
    assertTrue(m.get("checkpoint").asText().startsWith("s3a://eval/run/checkpoints/step-"),
        m.toString());
    assertEquals(val.size(), m.get("images").asInt());
    assertEquals(expected.top1(), m.get("top1").asDouble(), 1e-12);
    assertEquals(expected.top5(), m.get("top5").asDouble(), 1e-12);
    assertEquals(expected.loss(), m.get("loss").asDouble(), 1e-5);
    assertEquals(val.size(), spark.read().parquet("s3a://eval/out/predictions").count());
  }
}
