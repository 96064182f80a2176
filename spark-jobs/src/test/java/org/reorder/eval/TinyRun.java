package org.reorder.eval;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.reorder.config.ExperimentConfig;
import org.reorder.model.ModelConfig;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchBatch;
import org.reorder.train.Curriculum;
import org.reorder.data.DataSplits;
import org.reorder.train.StepOutput;
import org.reorder.data.SyntheticPatches;

/**
 * A REOrder run trained in-test (tiny Longformer, 16 patches, 6 classes, 2 epochs: warm-up, then
 * policy; two blocks, since one block's global CLS readout would not depend on the order), its
 * validation images as a patch-Parquet-shaped DataFrame, and the single-process
 * reference predictions of the trainer.
 */
public final class TinyRun {
  static final String YAML = """
      name: tiny-eval
      model: {model_type: longformer, width: 32, depth: 2, heads: 2, patch_size: 4,
              longformer: {window: 4}}
      data: {source: synthetic, image_size: 16, channels: 3, num_classes: 6,
             synthetic: {train_size: 48, val_size: 20, noise: 0.3, seed: 11}}
      training: {epochs: 2, batch_size: 16, lr: 3.0e-3, warmup_epochs: 1, order: hilbert,
                 log_every_steps: 3, bootstrap_samples: 200, seed: 5}
      reinforce: {enabled: true, start_after: 1, stop_after: 2, policy_lr: 0.05,
                  policy_gumbel_temp: 1.0}
      runtime: {device: cpu, progress: false}
      """;

  /** The patch Parquet schema (docs/patch-format.md on the dataprep branch). */
  public static final StructType PATCH_SCHEMA = new StructType()
      .add("image_id", DataTypes.StringType, false)
      .add("source_path", DataTypes.StringType, false)
      .add("label", DataTypes.IntegerType, false)
      .add("label_name", DataTypes.StringType, false)
      .add("split", DataTypes.StringType, false)
      .add("grid_rows", DataTypes.IntegerType, false)
      .add("grid_cols", DataTypes.IntegerType, false)
      .add("patch_size", DataTypes.IntegerType, false)
      .add("channels", DataTypes.IntegerType, false)
      .add("patches", DataTypes.BinaryType, false);

  public final ExperimentConfig config;
  public final Path runDir;
  /** The run's validation images, ids {@code val-0 ... val-19}. */
  public final PatchBatch val;

  private TinyRun(Path runDir) {
    this.config = ExperimentConfig.parse(YAML, "tiny-eval", "tiny-eval", List.of());
    this.runDir = runDir;
    ModelConfig m = config.modelConfig();
    var s = config.data().synthetic();
    this.val = new SyntheticPatches(m.numPatches(), m.patchDim(), config.data().numClasses(),
        s.noise(), s.seed()).split(config.data().valSplit(), s.valSize());
  }

  /** Trains the run into {@code runDir}. */
  public static TinyRun train(Path runDir) throws IOException {
    TinyRun run = new TinyRun(runDir);
    try (Curriculum c = Curriculum.start(run.config, DataSplits.open(run.config), runDir,
        Device.cpu())) {
      c.run();
    }
    return run;
  }

  /** What the trainer says about the validation images, in {@code order} (null: the run's). */
  public Reference reference(Permutation order) throws IOException {
    try (Curriculum c = Curriculum.resume(config, DataSplits.open(config), runDir, Device.cpu())) {
      Permutation used = order != null ? order : c.validationOrder(config.training().epochs() - 1);
      StepOutput out = c.model().evaluate(val, used);
      int classes = config.data().numClasses();
      double[][] probabilities = new double[val.size()][classes];
      // The trainer reports only -log p(label): relabelling every image with class k gives p(k).
      for (int k = 0; k < classes; k++) {
        int[] labels = new int[val.size()];
        java.util.Arrays.fill(labels, k);
        StepOutput asK = c.model().evaluate(new PatchBatch(val.patches(), val.size(),
            val.numPatches(), val.patchDim(), labels, val.imageIds()), used);
        for (int i = 0; i < val.size(); i++) {
          probabilities[i][k] = Math.exp(-asK.losses()[i]);
        }
      }
      return new Reference(used, out, probabilities);
    }
  }

  /**
   * The trainer's view of the validation images.
   *
   * @param order the order used
   * @param output per-image losses and top-1/top-5 correctness
   * @param probabilities {@code [image][class]}
   */
  public record Reference(Permutation order, StepOutput output, double[][] probabilities) {}

  /** The validation images as patch Parquet rows, in {@code partitions} partitions. */
  public Dataset<Row> frame(SparkSession spark, int partitions) {
    int side = config.gridSide();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < val.size(); i++) {
      rows.add(RowFactory.create(val.imageIds()[i], "synthetic/" + val.imageIds()[i] + ".png",
          val.labels()[i], "class-" + val.labels()[i], "val", side, side,
          config.model().patchSize(), config.data().channels(), val.image(i)));
    }
    return spark.createDataFrame(rows, PATCH_SCHEMA).repartition(partitions);
  }

  /** Index of image id {@code val-i}. */
  public static int index(String imageId) {
    return Integer.parseInt(imageId.substring("val-".length()));
  }
}
