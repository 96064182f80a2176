package org.reorder.round;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.reorder.config.ConfigException;
import org.reorder.config.ExperimentConfig;
import org.reorder.model.ModelConfig;
import org.reorder.patch.PatchBatch;
import org.reorder.patch.PatchParquetReader;
import org.reorder.train.DataSplits;
import org.reorder.train.InMemoryBatchSource;

/**
 * The training and validation data of a run on the distributed path. The synthetic source comes
 * from the trainer's {@link DataSplits#open}; the patch Parquet ({@code data.source: parquet},
 * local, HDFS or s3a://) is read with model-core's {@link PatchParquetReader} into memory and cut
 * into batches exactly as the synthetic source is (shuffled per epoch from the run seed), so the
 * replicas' shards (see {@link RoundSchedule#batchIndex}) are deterministic and disjoint. Holding
 * a split in memory suits datasets of up to a few GB per executor (Fashion-MNIST, ImageNet
 * subsets); a streaming per-shard reader is future work (docs/distributed.md).
 */
public final class RunData {
  private static final int READ_BATCH = 1024;

  private RunData() {}

  /** The splits of {@code config}'s data; Hadoop settings from {@code conf}. */
  public static DataSplits open(ExperimentConfig config, Configuration conf) {
    if (!config.data().source().equals("parquet")) {
      return DataSplits.open(config);
    }
    var data = config.data();
    var training = config.training();
    PatchBatch train = readSplit(config, data.trainSplit(), conf);
    PatchBatch val = readSplit(config, data.valSplit(), conf);
    if (training.batchSize() > train.size()) {
      throw ConfigException.at("training.batch_size", "must be <= the " + train.size()
          + " images of split " + data.trainSplit() + " in " + data.patchDir() + ", got "
          + training.batchSize());
    }
    return new DataSplits(InMemoryBatchSource.training(train, training.batchSize(),
        training.seed()), InMemoryBatchSource.evaluation(val, training.evalBatchSize()));
  }

  /** Every image of {@code split}, in the reader's (file, row) order. */
  static PatchBatch readSplit(ExperimentConfig config, String split, Configuration conf) {
    String dir = config.data().patchDir();
    List<PatchBatch> parts = new ArrayList<>();
    try (PatchParquetReader reader = PatchParquetReader.open(dir, split, READ_BATCH, conf)) {
      while (reader.hasNext()) {
        parts.add(reader.next());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read split " + split + " of " + dir, e);
    }
    ModelConfig model = config.modelConfig();
    int count = parts.stream().mapToInt(PatchBatch::size).sum();
    if (count == 0) {
      throw ConfigException.at("data.patch_dir", "split " + split + " of " + dir
          + " holds no images");
    }
    PatchBatch first = parts.get(0);
    if (first.numPatches() != model.numPatches() || first.patchDim() != model.patchDim()) {
      throw ConfigException.at("data.patch_dir", dir + " holds " + first.numPatches()
          + " patches of " + first.patchDim() + " values per image; the config (data.image_size, "
          + "model.patch_size, data.channels) expects " + model.numPatches() + " of "
          + model.patchDim());
    }
    int bytes = first.imageBytes();
    byte[] patches = new byte[count * bytes];
    int[] labels = new int[count];
    String[] ids = new String[count];
    int at = 0;
    for (PatchBatch p : parts) {
      System.arraycopy(p.patches(), 0, patches, at * bytes, p.size() * bytes);
      System.arraycopy(p.labels(), 0, labels, at, p.size());
      System.arraycopy(p.imageIds(), 0, ids, at, p.size());
      at += p.size();
    }
    for (int i = 0; i < count; i++) {
      if (labels[i] < 0 || labels[i] >= config.data().numClasses()) {
        throw ConfigException.at("data.num_classes", "image " + ids[i] + " of " + dir
            + " has label " + labels[i] + ", outside [0, " + config.data().numClasses() + ")");
      }
    }
    return new PatchBatch(patches, count, first.numPatches(), first.patchDim(), labels, ids);
  }
}
