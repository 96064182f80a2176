package org.reorder.train;

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

  /** Opens the data {@code config.data()} names. */
  public static DataSplits open(ExperimentConfig config) {
    var data = config.data();
    var training = config.training();
    return switch (data.source()) {
      case "synthetic" -> {
        var s = data.synthetic();
        var model = config.modelConfig();
        SyntheticPatches gen = new SyntheticPatches(model.numPatches(), model.patchDim(),
            data.numClasses(), s.noise(), s.seed());
        PatchBatch trainImages = gen.split(data.trainSplit(), s.trainSize());
        PatchBatch valImages = gen.split(data.valSplit(), s.valSize());
        if (training.batchSize() > s.trainSize()) {
          throw ConfigException.at("training.batch_size", "must be <= data.synthetic.train_size ("
              + s.trainSize() + "), got " + training.batchSize());
        }
        yield new DataSplits(
            InMemoryBatchSource.training(trainImages, training.batchSize(), training.seed()),
            InMemoryBatchSource.evaluation(valImages, training.evalBatchSize()));
      }
      case "parquet" -> throw ConfigException.at("data.source",
          "parquet needs the patch Parquet reader, which this build does not include yet; "
              + "use data.source: synthetic");
      default -> throw ConfigException.at("data.source", "unknown source " + data.source());
    };
  }
}
