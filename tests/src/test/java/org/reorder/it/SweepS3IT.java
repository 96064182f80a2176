package org.reorder.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.config.ExperimentConfig;
import org.reorder.sweep.SweepConfig;
import org.reorder.sweep.SweepDriver;
import org.reorder.sweep.SweepResult;
import org.reorder.sweep.SweepRuntime;
import org.reorder.testing.S3ProxyServer;

/**
 * A REOrder run whose run directory is {@code s3a://} on a real S3Proxy: interrupted after one
 * round, resumed by a new driver, it ends with exactly the policy of the same run on a local
 * directory, and its checkpoints, metrics and tables are on the object store.
 */
class SweepS3IT {
  private static final String EXPERIMENT = """
      model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 4}
      data: {source: synthetic, image_size: 16, channels: 3, num_classes: 4,
             synthetic: {train_size: 32, val_size: 16, noise: 0.3}}
      training: {epochs: 2, batch_size: 8, lr: 3.0e-3, warmup_epochs: 0, order: spiral,
                 bootstrap_samples: 100}
      reinforce: {enabled: true, start_after: 1, stop_after: 2, policy_lr: 0.05,
                  policy_gumbel_temp: 1.0}
      runtime: {device: cpu, progress: false}
      """;

  @TempDir static Path dir;
  private static S3ProxyServer s3;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start(dir.resolve("s3"));
    s3.createBucket("runs");
    spark = s3.sparkSession("local[2,2]", "sweep-s3-it");
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

  /**
   * Two replicas exchange through the object store too: replica 0's address and each replica's
   * parts of the parameter average are objects of the round, and none outlives it.
   */
  @Test
  void twoReplicasOnS3EndLikeTheSameReplicasOnALocalDirectory() throws Exception {
    ExperimentConfig c = ExperimentConfig.parse(EXPERIMENT, "it", "it", List.of());
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    Path localDir = dir.resolve("local-r2");
    SweepResult local = SweepDriver.run(spark, SweepConfig.single(c,
        new SweepRuntime(3, 2, 1, localDir.toString())), 0, quiet);
    String remote = "s3a://runs/sweeps/r2";
    SweepResult onS3 = SweepDriver.run(spark, SweepConfig.single(c,
        new SweepRuntime(3, 2, 1, remote)), 0, quiet);
    assertTrue(onS3.complete());
    assertEquals(2, onS3.roundsRun()); // 32 images / 2 replicas / batch 8 x 2 epochs, K = 3

    String id = onS3.outcomes().get(0).runId();
    assertArrayEquals(local.outcomes().get(0).logits(), onS3.outcomes().get(0).logits(), 0);
    Path store = dir.resolve("s3").resolve("store").resolve("runs").resolve("sweeps/r2/runs")
        .resolve(id);
    assertArrayEquals(
        Files.readAllBytes(localDir.resolve("runs").resolve(id).resolve("final/model.params")),
        Files.readAllBytes(store.resolve("final/model.params")));
    try (var files = Files.walk(store.resolve("checkpoints"))) {
      assertEquals(List.of(), files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("replica-")).toList());
    }
  }

  @Test
  void aRunDirectoryOnS3ResumesAndMatchesTheLocalRun() throws Exception {
    ExperimentConfig c = ExperimentConfig.parse(EXPERIMENT, "it", "it", List.of());
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    SweepResult local = SweepDriver.run(spark, SweepConfig.single(c,
        new SweepRuntime(3, 1, 1, dir.resolve("local").toString())), 0, quiet);

    String remote = "s3a://runs/sweeps/it";
    SweepRuntime runtime = new SweepRuntime(3, 1, 1, remote);
    SweepResult first = SweepDriver.run(spark, SweepConfig.single(c, runtime), 1, quiet);
    assertFalse(first.complete());
    SweepResult rest = SweepDriver.run(spark, SweepConfig.single(c, runtime), 0, quiet);
    assertTrue(rest.complete());
    assertEquals(2, rest.roundsRun()); // 8 steps, K = 3: rounds 2 and 3

    assertArrayEquals(local.outcomes().get(0).logits(), rest.outcomes().get(0).logits(), 0);
    assertEquals(local.outcomes().get(0).top1(), rest.outcomes().get(0).top1());

    String id = rest.outcomes().get(0).runId();
    FileSystem fs = new org.apache.hadoop.fs.Path(remote)
        .getFileSystem(spark.sparkContext().hadoopConfiguration());
    for (String f : List.of("sweep.yaml", "runs/" + id + "/metrics/round-000003.jsonl",
        "runs/" + id + "/learned-order.json", "runs/" + id + "/summary.json",
        "runs/" + id + "/final/model.params",
        "runs/" + id + "/checkpoints/round-000003/_COMMITTED",
        "runs/" + id + "/checkpoints/round-000003/model-s000.params",
        "runs/" + id + "/checkpoints/round-000003/manifest.json",
        "tables/accuracy.json")) {
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(remote + "/" + f)), f);
    }
    // keep_checkpoints: 1 pruned rounds 1 and 2 on the object store too.
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(remote + "/runs/" + id
        + "/checkpoints/round-000002")));
    assertEquals(1, spark.read().parquet(remote + "/tables/accuracy.parquet").count());
    // One metrics object per round (object stores cannot append): 3 rounds, none rewritten.
    try (var rounds = Files.list(dir.resolve("s3").resolve("store").resolve("runs")
        .resolve("sweeps/it/runs/" + id + "/metrics"))) {
      assertEquals(3, rounds.count());
    }
  }
}
