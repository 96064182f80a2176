package org.reorder.round;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.config.ConfigException;
import org.reorder.config.ExperimentConfig;
import org.reorder.patch.PatchBatch;
import org.reorder.patch.PatchDatasetInfo;
import org.reorder.patch.PatchFormat;
import org.reorder.patch.TransformSettings;
import org.reorder.sweep.SweepConfig;
import org.reorder.sweep.SweepDriver;
import org.reorder.sweep.SweepResult;
import org.reorder.sweep.SweepRuntime;
import org.reorder.data.DataSplits;

/** A patch Parquet dataset written by Spark, read by the rounds and trained on end to end. */
class ParquetDataSplitsTest {
  private static final int IMAGE_BYTES = 16 * 48; // 16x16 RGB images in 4x4 patches
  @TempDir static Path dir;
  private static SparkSession spark;
  private static List<byte[]> trainImages = new ArrayList<>();

  @BeforeAll
  static void writeDataset() throws Exception {
    spark = SparkSession.builder().master("local[2]").appName("run-data-test")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    StructType schema = new StructType().add(PatchFormat.IMAGE_ID, DataTypes.StringType)
        .add(PatchFormat.LABEL, DataTypes.IntegerType)
        .add(PatchFormat.GRID_ROWS, DataTypes.IntegerType)
        .add(PatchFormat.GRID_COLS, DataTypes.IntegerType)
        .add(PatchFormat.PATCH_SIZE, DataTypes.IntegerType)
        .add(PatchFormat.CHANNELS, DataTypes.IntegerType)
        .add(PatchFormat.PATCHES, DataTypes.BinaryType)
        .add(PatchFormat.SPLIT, DataTypes.StringType);
    Random rng = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (String split : List.of("train", "val")) {
      for (int i = 0; i < (split.equals("train") ? 24 : 8); i++) {
        byte[] image = new byte[IMAGE_BYTES];
        rng.nextBytes(image);
        if (split.equals("train")) {
          trainImages.add(image);
        }
        rows.add(RowFactory.create(split + "-" + i, i % 4, 4, 4, 4, 3, image, split));
      }
    }
    // One file per split, so the reader's (file, row) order is the rows' order.
    spark.createDataFrame(rows, schema).coalesce(1).write().partitionBy(PatchFormat.SPLIT)
        .parquet(dir.resolve("data").resolve(PatchFormat.PATCHES_DIR).toString());
    Files.writeString(dir.resolve("data").resolve(PatchFormat.SIDECAR), PatchDatasetInfo.of(
        "test", List.of("a", "b", "c", "d"), new TransformSettings(0, 16, 4, 3, "whole", 0.0),
        Map.of("train", new PatchDatasetInfo.SplitCounts(24, 0),
            "val", new PatchDatasetInfo.SplitCounts(8, 0))).toJson());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static ExperimentConfig config(String... extra) {
    List<String> overrides = new ArrayList<>(List.of("data.patch_dir=" + dir.resolve("data")));
    overrides.addAll(List.of(extra));
    return ExperimentConfig.parse("""
        model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 4}
        data: {source: parquet, image_size: 16, channels: 3, num_classes: 4}
        training: {epochs: 2, batch_size: 8, warmup_epochs: 0, order: diagonal,
                   bootstrap_samples: 50}
        runtime: {device: cpu, progress: false}
        """, "parquet-test", "parquet-test", overrides);
  }

  @Test
  void theSplitsWrittenBySparkAreStreamedWholeWithTheirLabels() {
    try (DataSplits data = DataSplits.open(config(), new Configuration())) {
      assertEquals(3, data.train().stepsPerEpoch());
      assertEquals(8, data.val().images());
      // Epoch 0's batches hold every training image once, each intact with its label.
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (int s = 0; s < 3; s++) {
        PatchBatch b = data.train().batch(0, s);
        for (int i = 0; i < b.size(); i++) {
          int index = Integer.parseInt(b.imageIds()[i].substring("train-".length()));
          assertArrayEquals(trainImages.get(index), b.image(i));
          assertEquals(index % 4, b.labels()[i]);
          assertTrue(seen.add(b.imageIds()[i]));
        }
      }
      assertEquals(24, seen.size());
    }
    ConfigException e = assertThrows(ConfigException.class,
        () -> DataSplits.open(config("model.patch_size=8"), new Configuration()));
    assertTrue(e.getMessage().startsWith("data.patch_dir:"), e.getMessage());
  }

  @Test
  void maxImagesKeepTheFirstImagesOfEachSplit() {
    try (DataSplits data = DataSplits.open(
        config("data.max_train_images=10", "data.max_val_images=3"), new Configuration())) {
      // 10 images make one full batch of 8; an epoch covers full batches only.
      assertEquals(1, data.train().stepsPerEpoch());
      assertEquals(8, data.train().imagesPerEpoch());
      assertEquals(3, data.val().images());
      PatchBatch val = data.val().iterator().next();
      assertEquals(List.of("val-0", "val-1", "val-2"), List.of(val.imageIds()));
    }
    ConfigException e = assertThrows(ConfigException.class,
        () -> DataSplits.open(config("data.max_train_images=5"), new Configuration()));
    assertTrue(e.getMessage().startsWith("training.batch_size: must fit the training data")
        && e.getMessage().contains("batch of 8"), e.getMessage());
  }

  @Test
  void aSweepTrainsOnThePatchParquet() {
    SweepResult r = SweepDriver.run(spark, SweepConfig.single(config(),
        new SweepRuntime(4, 1, 1, dir.resolve("run").toString())),
        0, new PrintStream(PrintStream.nullOutputStream()));
    assertTrue(r.complete());
    assertEquals(2, r.roundsRun()); // 2 epochs x 3 steps, K = 4
    assertEquals(8, r.outcomes().get(0).images());
  }
}
