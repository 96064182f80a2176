package org.reorder.train;

import org.apache.hadoop.conf.Configuration;

import org.reorder.config.ConfigException;
import org.reorder.config.ExperimentConfig;
import org.reorder.patch.PatchBatch;

/**
 * The training and validation batches of a run.
 *
 * @param train shuffled per epoch, full batches
 * @param val every image, stored order
 */
public record DataSplits(BatchSource train, BatchSource val) {

  /** Opens the data {@code config.data()} names; patch Parquet on local paths. */
  public static DataSplits open(ExperimentConfig config) {
    return open(config, new Configuration());
  }

  /** Opens the data {@code config.data()} names; Hadoop settings (s3a://, HDFS) from {@code conf}. */
  public static DataSplits open(ExperimentConfig config, Configuration conf) {
    var data = config.data();
    var training = config.training();
    PatchBatch trainImages;
    PatchBatch valImages;
    String trainSource;
    switch (data.source()) {
      case "synthetic" -> {
        var s = data.synthetic();
        var model = config.modelConfig();
        SyntheticPatches gen = new SyntheticPatches(model.numPatches(), model.patchDim(),
            data.numClasses(), s.noise(), s.seed());
        trainImages = gen.split(data.trainSplit(), s.trainSize());
        valImages = gen.split(data.valSplit(), s.valSize());
        trainSource = "data.synthetic.train_size";
      }
      case "parquet" -> {
        trainImages = PatchParquetSplit.read(config, data.trainSplit(), data.maxTrainImages(), conf);
        valImages = PatchParquetSplit.read(config, data.valSplit(), data.maxValImages(), conf);
        trainSource = "split " + data.trainSplit() + " of " + data.patchDir();
      }
      default -> throw ConfigException.at("data.source", "unknown source " + data.source());
    }
    if (training.batchSize() > trainImages.size()) {
      throw ConfigException.at("training.batch_size", "must be <= the " + trainImages.size()
          + " training images (" + trainSource + "), got " + training.batchSize());
    }
    return new DataSplits(
        InMemoryBatchSource.training(trainImages, training.batchSize(), training.seed()),
        InMemoryBatchSource.evaluation(valImages, training.evalBatchSize()));
  }
}
