package org.reorder.data;

import org.apache.hadoop.conf.Configuration;
import org.reorder.config.ConfigException;
import org.reorder.config.DataSection;
import org.reorder.config.ExperimentConfig;
import org.reorder.model.ModelConfig;
import org.reorder.patch.ParquetSplit;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.RowGroups;

/**
 * The data of one replica of a run: its training stream and the validation split, both read as
 * they are needed. Close it to stop their background reads.
 *
 * @param train the replica's training batches (shuffled per epoch, full batches)
 * @param val every validation image, in stored order
 */
public record DataSplits(TrainingBatches train, StoredOrderBatches val) implements AutoCloseable {

  /** A single-process run's data (one replica), patch Parquet on local paths. */
  public static DataSplits open(ExperimentConfig config) {
    return open(config, new Configuration());
  }

  /** A single-process run's data (one replica); Hadoop settings (s3a://, HDFS) from {@code conf}. */
  public static DataSplits open(ExperimentConfig config, Configuration conf) {
    return open(config, DataIndex.of(config, conf), conf, 1, 0);
  }

  /**
   * Replica {@code replica} of {@code replicas} of a run whose data {@code index} describes.
   *
   * @throws ConfigException naming the key when the split cannot feed the batch size or replicas
   */
  public static DataSplits open(ExperimentConfig config, DataIndex index, Configuration conf,
      int replicas, int replica) {
    EpochPlan plan = plan(config, index, replicas);
    RowGroups train = rowGroups(config, index, conf, true);
    var training = config.training();
    HorizontalFlip flip = new HorizontalFlip(train.grid(), config.data().augment().hflip(),
        training.seed());
    return new DataSplits(new TrainingBatches(train, plan, replica, flip),
        new StoredOrderBatches(rowGroups(config, index, conf, false), training.evalBatchSize()));
  }

  /**
   * The epochs of a run with {@code replicas} replicas, from the index alone (what a driver plans
   * rounds from).
   *
   * @throws ConfigException naming training.batch_size or runtime.replicas when the split is too
   *     small for them
   */
  public static EpochPlan plan(ExperimentConfig config, DataIndex index, int replicas) {
    DataSection data = config.data();
    int[] groupRows;
    String source;
    if (index.train() != null) {
      groupRows = index.train().rowCounts();
      source = "split " + data.trainSplit() + " of " + data.patchDir();
    } else {
      SyntheticSplit s = synthetic(config, data.trainSplit(), data.synthetic().trainSize());
      groupRows = new int[s.count()];
      for (int g = 0; g < groupRows.length; g++) {
        groupRows[g] = s.rows(g);
      }
      source = "data.synthetic.train_size";
    }
    int batch = config.training().batchSize();
    if (groupRows.length < replicas) {
      throw ConfigException.at("runtime.replicas", replicas + " replicas need at least "
          + replicas + " row groups of training data; " + source + " has " + groupRows.length
          + " (write smaller row groups, or use fewer replicas)");
    }
    try {
      return new EpochPlan(groupRows, replicas, batch, data.shuffleWindow(),
          config.training().seed());
    } catch (IllegalArgumentException e) {
      throw ConfigException.at("training.batch_size", "must fit the training data (" + source
          + "): " + e.getMessage());
    }
  }

  @Override
  public void close() {
    train.close();
    val.close();
  }

  private static RowGroups rowGroups(ExperimentConfig config, DataIndex index, Configuration conf,
      boolean train) {
    if (index.train() != null) {
      return new ParquetSplit(train ? index.train() : index.val(), conf);
    }
    DataSection data = config.data();
    return train ? synthetic(config, data.trainSplit(), data.synthetic().trainSize())
        : synthetic(config, data.valSplit(), data.synthetic().valSize());
  }

  private static SyntheticSplit synthetic(ExperimentConfig config, String split, int size) {
    DataSection data = config.data();
    ModelConfig model = config.modelConfig();
    var s = data.synthetic();
    int side = config.gridSide();
    PatchGrid grid = new PatchGrid(side, side, config.model().patchSize(), data.channels());
    return new SyntheticSplit(new SyntheticPatches(model.numPatches(), model.patchDim(),
        data.numClasses(), s.noise(), s.seed(), s.labelPatches(model.numPatches())), split, size,
        grid);
  }
}
