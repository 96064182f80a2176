package org.reorder.train;

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

/**
 * One split of a patch Parquet dataset ({@code data.source: parquet}; local, HDFS or s3a://) read
 * into memory as a single {@link PatchBatch}, checked against the experiment's model and classes.
 * Holding a split in memory suits datasets of up to a few GB per process (Fashion-MNIST, ImageNet
 * subsets, or any dataset cut with {@code data.max_train_images}); a streaming reader is future
 * work.
 */
final class PatchParquetSplit {
  private static final int READ_BATCH = 1024;

  private PatchParquetSplit() {}

  /** The first {@code limit} images (0 = all) of {@code split}, in (file, row) order. */
  static PatchBatch read(ExperimentConfig config, String split, int limit, Configuration conf) {
    String dir = config.data().patchDir();
    List<PatchBatch> parts = new ArrayList<>();
    int count = 0;
    try (PatchParquetReader reader = PatchParquetReader.open(dir, split, READ_BATCH, conf)) {
      while (reader.hasNext() && (limit == 0 || count < limit)) {
        PatchBatch part = reader.next();
        parts.add(part);
        count += part.size();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read split " + split + " of " + dir, e);
    }
    if (count == 0) {
      throw ConfigException.at("data.patch_dir", "split " + split + " of " + dir
          + " holds no images");
    }
    if (limit > 0) {
      count = Math.min(count, limit);
    }
    ModelConfig model = config.modelConfig();
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
      int take = Math.min(p.size(), count - at);
      System.arraycopy(p.patches(), 0, patches, at * bytes, take * bytes);
      System.arraycopy(p.labels(), 0, labels, at, take);
      System.arraycopy(p.imageIds(), 0, ids, at, take);
      at += take;
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
