package org.reorder.data;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.reorder.config.ConfigException;
import org.reorder.config.DataSection;
import org.reorder.config.ExperimentConfig;
import org.reorder.model.ModelConfig;
import org.reorder.patch.PatchFormat;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.SplitIndex;

/**
 * What a run's data is, without its images: for patch Parquet the footer index of the training and
 * validation splits, checked against the config; for the synthetic source nothing (it is generated
 * on demand). Small and serializable: the driver of a distributed run builds it once and ships it
 * to every task, so no executor lists or footers the dataset again.
 *
 * @param train the training split's index (null for the synthetic source)
 * @param val the validation split's index (null for the synthetic source)
 */
public record DataIndex(SplitIndex train, SplitIndex val) implements Serializable {

  /** How a split is indexed: {@link SplitIndex#read}, or a memo of it shared by many runs. */
  @FunctionalInterface
  public interface SplitReader {
    SplitIndex read(String datasetDir, String split, long limit) throws IOException;
  }

  /**
   * Indexes the splits {@code config.data()} names (Hadoop settings for s3a:// and HDFS from
   * {@code conf}), reading footers only.
   *
   * @throws ConfigException naming the key when the data does not fit the config
   */
  public static DataIndex of(ExperimentConfig config, Configuration conf) {
    return of(config, (dir, split, limit) -> SplitIndex.read(dir, split, limit, conf));
  }

  /** Indexes the splits {@code config.data()} names with {@code reader}. */
  public static DataIndex of(ExperimentConfig config, SplitReader reader) {
    DataSection data = config.data();
    if (data.source().equals("synthetic")) {
      return new DataIndex(null, null);
    }
    SplitIndex train = split(config, data.trainSplit(), data.maxTrainImages(), reader);
    SplitIndex val = split(config, data.valSplit(), data.maxValImages(), reader);
    return new DataIndex(train, val);
  }

  private static SplitIndex split(ExperimentConfig config, String split, int limit,
      SplitReader reader) {
    String dir = config.data().patchDir();
    SplitIndex index;
    try {
      index = reader.read(dir, split, limit);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index split " + split + " of " + dir + ": "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) { // no sidecar, no such split, no images
      throw ConfigException.at("data.patch_dir", e.getMessage());
    }
    ModelConfig model = config.modelConfig();
    PatchGrid grid = index.grid();
    if (grid.numPatches() != model.numPatches() || grid.patchDim() != model.patchDim()) {
      throw ConfigException.at("data.patch_dir", dir + " holds " + grid.numPatches()
          + " patches of " + grid.patchDim() + " values per image (grid " + grid.rows() + "x"
          + grid.cols() + ", patch size " + grid.patchSize() + ", " + grid.channels()
          + " channels, see its " + PatchFormat.SIDECAR + "); the config "
          + "(data.image_size, model.patch_size, data.channels) expects " + model.numPatches()
          + " of " + model.patchDim());
    }
    if (index.numClasses() > config.data().numClasses()) {
      throw ConfigException.at("data.num_classes", dir + " has " + index.numClasses()
          + " classes (its " + PatchFormat.SIDECAR + "), the config says "
          + config.data().numClasses());
    }
    return index;
  }
}
