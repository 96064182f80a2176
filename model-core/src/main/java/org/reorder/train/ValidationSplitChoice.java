package org.reorder.train;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.reorder.config.DataSection;
import org.reorder.config.ExperimentConfig;
import org.reorder.patch.PatchDatasetInfo;

/**
 * Picks the validation split from the dataset's sidecar when the default names none of its
 * splits: Fashion-MNIST (and any dataset prepared with {@code train}/{@code test} splits) has no
 * {@code val}. Applied before the run writes its {@code config.yaml}, which then states the split
 * used.
 */
public final class ValidationSplitChoice {
  /** The split taken in place of a missing default, when the dataset has it. */
  static final String TEST = "test";

  private ValidationSplitChoice() {}

  /**
   * {@code config}, with {@code data.val_split} set to {@code test} (or to the one split other
   * than the training split) when it is the default {@value DataSection#DEFAULT_VAL_SPLIT} and
   * the patch dataset has no such split; {@code note} is told of the choice. Any other case,
   * including a dataset whose sidecar cannot be read (opening the data reports that), returns
   * {@code config} unchanged.
   */
  public static ExperimentConfig resolve(ExperimentConfig config, Configuration conf,
      Consumer<String> note) {
    DataSection data = config.data();
    if (!data.source().equals("parquet")
        || !data.valSplit().equals(DataSection.DEFAULT_VAL_SPLIT)) {
      return config;
    }
    Set<String> splits;
    try {
      splits = PatchDatasetInfo.read(data.patchDir(), conf).splits().keySet();
    } catch (IOException | RuntimeException e) {
      return config;
    }
    if (splits.contains(DataSection.DEFAULT_VAL_SPLIT)) {
      return config;
    }
    List<String> others = splits.stream().filter(s -> !s.equals(data.trainSplit())).toList();
    String chosen = splits.contains(TEST) ? TEST : others.size() == 1 ? others.get(0) : null;
    if (chosen == null) {
      return config;
    }
    note.accept("data.val_split: " + data.patchDir() + " has no split '"
        + DataSection.DEFAULT_VAL_SPLIT + "' (its splits: " + String.join(", ", splits)
        + "); validating on '" + chosen + "'. Set data.val_split to choose another.");
    return ExperimentConfig.parse(config.resolvedYaml(), "the resolved config of "
        + config.name(), config.name(), List.of("data.val_split=" + chosen));
  }
}
