package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.config.ExperimentConfig;
import org.reorder.patch.PatchDatasetInfo;
import org.reorder.patch.PatchFormat;
import org.reorder.patch.TransformSettings;

class ValidationSplitChoiceTest {
  @TempDir Path dir;
  private final List<String> notes = new ArrayList<>();

  /** A dataset sidecar with {@code splits}, as `reorder prep` writes it. */
  private Path dataset(String... splits) throws Exception {
    Map<String, PatchDatasetInfo.SplitCounts> counts = new LinkedHashMap<>();
    for (String s : splits) {
      counts.put(s, new PatchDatasetInfo.SplitCounts(10, 0));
    }
    Path d = dir.resolve(String.join("-", splits));
    Files.createDirectories(d);
    Files.writeString(Path.of(PatchFormat.sidecar(d.toString())), PatchDatasetInfo.of(
        "fashion-mnist", List.of("a", "b"), TransformSettings.reference(), counts).toJson());
    return d;
  }

  private ExperimentConfig config(Path data, String... overrides) {
    List<String> all = new ArrayList<>(List.of("data.source=parquet", "data.patch_dir=" + data));
    all.addAll(List.of(overrides));
    return ExperimentConfig.parse("model: {model_type: vit, size: micro}\n", "c", "c", all);
  }

  private ExperimentConfig resolve(ExperimentConfig c) {
    return ValidationSplitChoice.resolve(c, new Configuration(), notes::add);
  }

  @Test
  void aDatasetWithoutValValidatesOnTestAndSaysSo() throws Exception {
    ExperimentConfig chosen = resolve(config(dataset("train", "test")));
    assertEquals("test", chosen.data().valSplit());
    assertTrue(chosen.resolvedYaml().contains("val_split: test"), chosen.resolvedYaml());
    assertEquals(1, notes.size());
    assertTrue(notes.get(0).contains("data.val_split") && notes.get(0).contains("'test'"),
        notes.get(0));
  }

  @Test
  void theOnlyOtherSplitIsTakenWhenThereIsNoTest() throws Exception {
    assertEquals("holdout", resolve(config(dataset("train", "holdout"))).data().valSplit());
  }

  @Test
  void otherwiseTheConfigIsLeftAlone() throws Exception {
    ExperimentConfig withVal = config(dataset("train", "val", "test"));
    assertSame(withVal, resolve(withVal));
    ExperimentConfig explicit = config(dataset("train", "test"), "data.val_split=train");
    assertSame(explicit, resolve(explicit));
    ExperimentConfig ambiguous = config(dataset("train", "a", "b"));
    assertSame(ambiguous, resolve(ambiguous));
    ExperimentConfig noSidecar = config(dir.resolve("nothing"));
    assertSame(noSidecar, resolve(noSidecar));
    ExperimentConfig synthetic = ExperimentConfig.parse(
        "model: {model_type: vit, size: micro}\ndata: {source: synthetic}\n", "c", "c", List.of());
    assertSame(synthetic, resolve(synthetic));
    assertTrue(notes.isEmpty(), notes.toString());
  }
}
