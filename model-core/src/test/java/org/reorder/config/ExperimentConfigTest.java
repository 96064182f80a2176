package org.reorder.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.reorder.model.ModelConfig;
import org.reorder.model.ModelType;
import org.reorder.policy.Granularity;
import org.reorder.policy.ReinforceConfig;

class ExperimentConfigTest {
  private static final String MINIMAL = """
      model: {model_type: vit, width: 32, depth: 1, heads: 2, patch_size: 8}
      data: {source: synthetic, image_size: 32, num_classes: 10}
      """;

  private static ExperimentConfig parse(String yaml, String... overrides) {
    return ExperimentConfig.parse(yaml, "test.yaml", "test", List.of(overrides));
  }

  private static String error(String yaml, String... overrides) {
    return assertThrows(ConfigException.class, () -> parse(yaml, overrides)).getMessage();
  }

  @Test
  void fillsDefaultsAndDerivesTheModelConfig() {
    ExperimentConfig c = parse(MINIMAL);
    assertEquals("test", c.name());
    assertEquals(1e-4, c.training().lr());
    assertEquals(0.03, c.training().weightDecay());
    assertEquals(5.0, c.training().gradClipNorm());
    assertEquals(42, c.training().seed());
    assertFalse(c.reinforce().enabled());
    assertEquals(15, c.reinforce().startAfter());
    assertEquals(Granularity.BATCH, c.reinforce().policy().granularity());
    ModelConfig m = c.modelConfig();
    assertEquals(ModelType.VIT, m.type());
    assertEquals(16, m.numPatches());
    assertEquals(3 * 8 * 8, m.patchDim());
    assertTrue(c.resolvedYaml().contains("lr: 1.0E-4") || c.resolvedYaml().contains("lr: 0.0001"),
        c.resolvedYaml());
    // the resolved YAML parses back to the same settings
    ExperimentConfig again = parse(c.resolvedYaml());
    assertEquals(c.training(), again.training());
    assertEquals(c.model(), again.model());
  }

  @Test
  void sizeTableGivesShapesThatKeysOverride() {
    ExperimentConfig c = parse("""
        model: {model_type: mamba, size: base, depth: 2, patch_size: 16}
        data: {source: synthetic, image_size: 64}
        """);
    assertEquals(768, c.model().width());
    assertEquals(2, c.model().depth());
  }

  @Test
  void overridesSetNestedKeysWithTypedValues() {
    ExperimentConfig c = parse(MINIMAL, "training.lr=3e-4", "reinforce.enabled=true",
        "training.epochs=50", "data.mean=[0.5, 0.5, 0.5]", "model.mamba.readout=cls");
    assertEquals(3e-4, c.training().lr());
    assertTrue(c.reinforce().enabled());
    assertEquals(0.5, c.data().mean()[1]);
  }

  @Test
  void errorsNameTheKeyPath() {
    assertEquals("training.lr: must be > 0, got -1", error(MINIMAL, "training.lr=-1"));
    assertEquals("unknown key model.widht (did you mean width?)",
        error(MINIMAL.replace("width: 32", "widht: 32, width: 32")));
    assertTrue(error(MINIMAL, "traning.lr=1").startsWith("unknown key traning (did you mean training?)"));
    assertTrue(error(MINIMAL, "training.epochs=ten").startsWith("training.epochs: must be an integer"));
    assertTrue(error(MINIMAL, "model.model_type=cnn").startsWith("model.model_type: unknown model type 'cnn'"));
    assertTrue(error(MINIMAL, "model.patch_size=7").startsWith("model.patch_size: must divide data.image_size (32)"));
    assertTrue(error(MINIMAL, "reinforce.enabled=true", "training.epochs=20")
        .startsWith("reinforce.stop_after: must be <= training.epochs (20)"));
    assertTrue(error(MINIMAL, "reinforce.stop_after=10").startsWith("reinforce.stop_after: must be > reinforce.start_after"));
    assertTrue(error(MINIMAL, "reinforce.granularity=pixel").startsWith("reinforce.granularity: unknown policy granularity"));
    assertTrue(error(MINIMAL, "reinforce.policy_gumbel_temp_scheduler=cosine")
        .startsWith("reinforce.policy_gumbel_temp_scheduler: unknown temperature schedule"));
    assertTrue(error(MINIMAL, "model.mamba.directions=three").startsWith("model.mamba.directions: must be one of [single, arm4]"));
    assertTrue(error(MINIMAL, "model.heads=3").startsWith("model: model heads (3) must divide width (32)"));
    assertTrue(error(MINIMAL, "data.source=parquet").startsWith("data.patch_dir: is required"));
    assertTrue(error(MINIMAL, "data.std=[0.2, 0.2]").startsWith("data.std: needs one value per channel (3)"));
    assertTrue(error(MINIMAL, "training.lr_schedule=step").startsWith("training.lr_schedule: must be one of"));
    assertTrue(error(MINIMAL, "model.transformer_xl.memory_length=-2").startsWith("model.transformer_xl: "));
    assertTrue(error("model: [1, 2]\n").startsWith("model: must be a mapping"));
    assertTrue(error("model: {model_type: vit\n").startsWith("test.yaml is not valid YAML"));
    assertTrue(error(MINIMAL, "training").startsWith("--set training: expected key.path=value"));
    assertTrue(error(MINIMAL.replace("width: 32, ", "")).startsWith("model.width: is required when model.size is not given"));
    assertTrue(error(MINIMAL, "reinforce.preset=fast").startsWith("reinforce.preset: must be one of [default, paper]"));
    assertEquals("reinforce.policy_lr: must be a number > 0 or auto, got 'fast'",
        error(MINIMAL, "reinforce.policy_lr=fast"));
    assertTrue(error(MINIMAL, "reinforce.policy_lr=-1").startsWith("reinforce.policy_lr: must be > 0"));
    assertTrue(error(MINIMAL, "reinforce.policy_score=tempered").startsWith("reinforce.policy_score: unknown policy score 'tempered'"));
    assertTrue(error(MINIMAL, "reinforce.baseline_start=last").startsWith("reinforce.baseline_start: unknown baseline start 'last'"));
    assertTrue(error(MINIMAL, "data.synthetic.label_patches=17").startsWith("data.synthetic.label_patches: must be <= the number of patches (16)"));
  }

  @Test
  void thePolicyStartsFromItsPresetAndKeysOverrideIt() {
    ReinforceConfig defaults = parse(MINIMAL).reinforce().policy();
    assertEquals(ReinforceConfig.defaults(), defaults);
    assertTrue(defaults.autoLearningRate());
    ReinforceConfig paper = parse(MINIMAL, "reinforce.preset=paper").reinforce().policy();
    assertEquals(ReinforceConfig.paper(), paper);
    assertEquals(ReinforceConfig.paper().withLearningRate(3e-4),
        parse(MINIMAL, "reinforce.preset=paper", "reinforce.policy_lr=3e-4").reinforce().policy());
    assertEquals(0.0, parse(MINIMAL, "reinforce.preset=paper", "reinforce.policy_lr=auto")
        .reinforce().policy().learningRate());
    // the resolved YAML parses back to the same policy, automatic learning rate included
    for (ExperimentConfig c : List.of(parse(MINIMAL), parse(MINIMAL, "reinforce.preset=paper"))) {
      assertEquals(c.reinforce(), parse(c.resolvedYaml()).reinforce());
    }
  }

  @Test
  void missingFileIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ExperimentConfig.load(Path.of("no/such.yaml"), List.of()));
    assertEquals("config file no/such.yaml does not exist", e.getMessage());
  }

  @Test
  void everyShippedConfigParses() throws IOException {
    Path dir = Path.of("..", "configs");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 18, "configs found: " + files);
    for (Path f : files) {
      ExperimentConfig c = ExperimentConfig.load(f, List.of());
      String header = Files.readString(f);
      assertTrue(header.startsWith("#") && header.contains("# Run:") && header.contains("# Time:")
          && header.contains("# Expect:"), f + " lacks the run/time/expect header");
      if (f.getFileName().toString().startsWith("paper-")) {
        assertEquals(768, c.model().width(), f.toString());
        assertEquals(12, c.model().depth(), f.toString());
        assertEquals(196, c.modelConfig().numPatches(), f.toString());
        assertEquals(100, c.training().epochs(), f.toString());
        assertEquals(c.name().endsWith("reorder"), c.reinforce().enabled(), f.toString());
        assertReferenceSetting(f.getFileName().toString(), c);
      }
    }
  }

  /**
   * The reference's setting (d3tk/REOrder): batch per GPU (the evaluation batch here) times 8
   * GPUs for ImageNet-1K, 4 for fMoW; every learning rate times sqrt(GPUs); dropout 0.1 for
   * Transformer-XL and Longformer; the lr held until the policy phase ends in REOrder runs.
   */
  private static void assertReferenceSetting(String file, ExperimentConfig c) {
    var t = c.training();
    int gpus = file.startsWith("paper-fmow-") ? 4 : 8;
    assertEquals(gpus * t.evalBatchSize(), t.batchSize(), file);
    assertEquals(1e-4 * Math.sqrt(gpus), t.lr(), 1e-10, file);
    boolean txl = c.model().type() == org.reorder.model.ModelType.TRANSFORMER_XL;
    boolean dropped = txl || c.model().type() == org.reorder.model.ModelType.LONGFORMER;
    assertEquals(dropped ? 0.1 : 0.0, c.model().dropout(), file);
    if (c.reinforce().enabled()) {
      assertEquals((txl ? 1e-4 : 1e-5) * Math.sqrt(gpus),
          c.reinforce().policy().learningRate(), 1e-11, file);
      assertEquals(TrainingSection.FLAT_UNTIL_POLICY_END, t.lrSchedule(), file);
    } else {
      assertEquals(TrainingSection.COSINE, t.lrSchedule(), file);
    }
  }

  @Test
  void suggestsOnlyCloseKeys() {
    assertEquals(1, ConfigNode.editDistance("widht", "width"));
    assertEquals(null, ConfigNode.closest("banana", java.util.Set.of("width", "depth")));
  }

  @Test
  void anUnknownKeyIsReportedBeforeTheRuleItBreaks() {
    // A typo of a required key, not "model.width is required".
    assertEquals("unknown key model.widht (did you mean width?)", error("""
        model: {model_type: vit, widht: 32, depth: 1, heads: 2, patch_size: 8}
        data: {source: synthetic, image_size: 32, num_classes: 10}
        """));
    // A typo of an optional key, not the failure of a rule about its default (5 > 3 epochs).
    assertEquals("unknown key training.warmup_epoch (did you mean warmup_epochs?)",
        error(MINIMAL + "training: {epochs: 3, warmup_epoch: 1}\n"));
    // A rule failure with no look-alike key stays what it is.
    assertEquals("training.warmup_epochs: must be <= training.epochs (3), got 5.0",
        error(MINIMAL + "training: {epochs: 3}\n"));
  }

  @Test
  void aKeyGivenTwiceIsRefusedWithBothLines() {
    assertEquals("test.yaml: key data.image_size appears twice, on lines 3 and 5", error(
        "model: {model_type: vit, width: 32, depth: 1, heads: 2, patch_size: 8}\n"
            + "data:\n  image_size: 32\n  num_classes: 10\n  image_size: 64\n"));
  }

  @Test
  void anUnknownOrderIsAConfigurationErrorNamingTheKey() {
    assertTrue(error(MINIMAL, "training.order=zigzag")
        .startsWith("training.order: unknown scan order 'zigzag'"));
  }
}
