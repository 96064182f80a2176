package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.config.ExperimentConfig;
import org.reorder.data.DataSplits;
import org.reorder.order.Permutation;
import org.reorder.policy.InitVariant;
import org.reorder.policy.PlackettLucePolicy;

class CurriculumTest {
  /**
   * 16x16 images of 4x4 patches (N = 16, patchDim 48), 4 classes, 4 steps per epoch. Depth 2:
   * a one-layer Longformer reads out CLS, which attends globally, so it would be as
   * order-invariant as ViT.
   */
  private static final String TINY = """
      model: {model_type: longformer, width: 32, depth: 2, heads: 2, patch_size: 4,
              longformer: {window: 4}}
      data: {source: synthetic, image_size: 16, channels: 3, num_classes: 4,
             synthetic: {train_size: 64, val_size: 32, noise: 0.3}}
      training: {epochs: 4, batch_size: 16, lr: 3.0e-3, warmup_epochs: 1, order: hilbert,
                 log_every_steps: 2, bootstrap_samples: 200}
      runtime: {device: cpu, progress: false}
      """;

  @TempDir Path dir;

  private static ExperimentConfig config(String... overrides) {
    return ExperimentConfig.parse(TINY, "tiny", "tiny", List.of(overrides));
  }

  private static List<JsonNode> metrics(Path runDir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
      out.add(json.readTree(line));
    }
    return out;
  }

  @Test
  void fixedRunLearnsAndValidatesWithTheConfiguredOrder() throws Exception {
    ExperimentConfig c = config();
    try (Curriculum run = Curriculum.start(c, DataSplits.open(c), dir, Device.cpu())) {
      RunSummary s = run.run();
      assertEquals(16, s.steps());
      assertTrue(s.validation().top1() >= 0.75, "top-1 " + s.validation().top1());
      double top1 = s.validation().top1();
      double se = s.validation().top1Se();
      assertTrue(top1 == 1 ? se == 0 : se > 0 && se < 0.2, "top-1 " + top1 + " ± " + se);
      assertArrayEquals(run.prior().toArray(), s.order());
    }
    List<JsonNode> lines = metrics(dir);
    // Every epoch's validation: the summary's history is the metrics' eval lines, its best the
    // highest (the earliest on a tie), its final the last epoch's.
    RunSummary summary = new ObjectMapper().readValue(dir.resolve("summary.json").toFile(),
        RunSummary.class);
    List<Double> logged = lines.stream().filter(l -> l.get("kind").asText().equals("eval"))
        .map(l -> l.get("val_top1").asDouble()).toList();
    assertEquals(logged, summary.epochs().stream().map(e -> e.evaluation().top1()).toList());
    double best = logged.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertEquals(logged.indexOf(best), summary.bestEpoch());
    assertEquals(best, summary.best().top1());
    assertEquals(3, summary.finalEpoch());
    assertEquals(logged.get(3), summary.validation().top1());
    List<JsonNode> train = lines.stream().filter(l -> l.get("kind").asText().equals("train")).toList();
    assertEquals(8, train.size());
    assertTrue(train.stream().allMatch(l -> l.get("phase").asText().equals("fixed")));
    assertTrue(train.get(7).get("loss").asDouble() < train.get(0).get("loss").asDouble());
    assertEquals(4, lines.stream().filter(l -> l.get("kind").asText().equals("eval")).count());
    assertTrue(Files.exists(dir.resolve("summary.json")));
    assertTrue(Files.readString(dir.resolve("config.yaml")).contains("order: hilbert"));
  }

  @Test
  void reorderRunLearnsTheLogitsAndValidatesWithTheMode() throws Exception {
    Permutation finalMode;
    Permutation priorOrder;
    ExperimentConfig c = config("reinforce.enabled=true", "reinforce.start_after=1",
        "reinforce.stop_after=3", "reinforce.policy_lr=0.05", "reinforce.policy_gumbel_temp=1.0");
    try (Curriculum run = Curriculum.start(c, DataSplits.open(c), dir, Device.cpu())) {
      PlackettLucePolicy initial = PlackettLucePolicy.initFrom(run.prior(), InitVariant.MODE);
      RunSummary s = run.run();
      double[] z0 = initial.logits();
      double[] z = run.policy().logits();
      double change = 0;
      for (int j = 0; j < z.length; j++) {
        change = Math.max(change, Math.abs(z[j] - z0[j]));
      }
      assertTrue(change > 1e-3, "policy logits moved by " + change);
      Permutation mode = run.policy().mode();
      finalMode = mode;
      priorOrder = run.prior();
      assertArrayEquals(mode.toArray(), s.order());
      // The recorded final validation is exactly an evaluation with the mode, and the backbone is
      // order-sensitive here, so an evaluation with the prior would differ.
      try (DataSplits data = DataSplits.open(c)) {
        Evaluation withMode = Evaluation.run(run.model(), data.val(), mode, 200,
            Seeds.derive(42, Seeds.BOOTSTRAP, 3));
        assertEquals(withMode, s.validation());
        if (!mode.equals(run.prior())) {
          Evaluation withPrior = Evaluation.run(run.model(), data.val(), run.prior(), 200, 1);
          // More than rounding: an order-invariant backbone differs in the last digits (1e-8).
          assertTrue(Math.abs(withPrior.loss() - s.validation().loss()) > 1e-5,
              withPrior.loss() + " vs " + s.validation().loss());
        }
      }
    }
    List<JsonNode> lines = metrics(dir);
    Set<String> phases = new TreeSet<>();
    for (JsonNode l : lines) {
      phases.add(l.get("phase").asText());
      if (l.get("kind").asText().equals("train") && l.get("phase").asText().equals("policy")) {
        assertTrue(l.has("reward") && l.has("baseline") && l.has("temperature")
            && l.has("policy_loss"), l.toString());
        assertTrue(l.get("reward").asDouble() < 0); // -cross-entropy
      }
    }
    assertEquals(Set.of("warmup", "policy", "finetune"), phases);
    // Epoch 0 validates with the prior; from the policy phase on (epoch 1), with the mode.
    List<JsonNode> evals = lines.stream().filter(l -> l.get("kind").asText().equals("eval")).toList();
    assertEquals(priorOrder.toString(), evals.get(0).get("val_order").asText());
    assertEquals(finalMode.toString(), evals.get(3).get("val_order").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"vit", "transformer-xl", "mamba"})
  void everyBackboneRunsTheCurriculum(String type) throws Exception {
    ExperimentConfig c = config("model.model_type=" + type, "model.transformer_xl.segment_length=8",
        "model.transformer_xl.memory_length=8", "model.transformer_xl.cls=last",
        "training.epochs=3", "reinforce.enabled=true",
        "reinforce.start_after=1", "reinforce.stop_after=2", "reinforce.policy_lr=0.05",
        "data.synthetic.train_size=32", "training.batch_size=16");
    try (Curriculum run = Curriculum.start(c, DataSplits.open(c), dir, Device.cpu())) {
      RunSummary s = run.run();
      assertEquals(6, s.steps());
      assertTrue(Double.isFinite(s.validation().loss()), type);
      assertFalse(java.util.Arrays.equals(s.policyLogits(),
          PlackettLucePolicy.initFrom(run.prior(), InitVariant.MODE).logits()), type);
    }
  }

  @Test
  void resumingWithAnotherModelConfigNamesTheParameterThatDoesNotFit() throws Exception {
    ExperimentConfig c = config("training.checkpoint_every_epochs=1");
    try (Curriculum run = Curriculum.start(c, DataSplits.open(c), dir, Device.cpu())) {
      run.runUntil(4); // epoch 0 and its checkpoint
    }
    ExperimentConfig wider = config("training.checkpoint_every_epochs=1", "model.width=48");
    IOException e = assertThrows(IOException.class,
        () -> Curriculum.resume(wider, DataSplits.open(wider), dir, Device.cpu()));
    assertTrue(e.getMessage().contains("model.params into a longformer model")
        && e.getMessage().contains("has shape") && e.getMessage().contains("expects"),
        e.getMessage());
  }

  /** Longformer with dropout; Mamba with drop-path in blocks 2 and 3 (rates 0.25 and 0.5). */
  @ParameterizedTest
  @ValueSource(strings = {"model.dropout=0.1",
      "model.model_type=mamba,model.depth=4,model.mamba.drop_path=0.75"})
  void resumesExactlyFromAMidEpochCheckpointInThePolicyPhase(String model) throws Exception {
    List<String> settings = new ArrayList<>(List.of(model.split(",")));
    settings.addAll(List.of("reinforce.enabled=true",
        "reinforce.start_after=1", "reinforce.stop_after=3", "reinforce.policy_lr=0.05",
        "reinforce.policy_gumbel_temp=1.0", "training.checkpoint_every_epochs=0"));
    ExperimentConfig c = config(settings.toArray(String[]::new));
    Path straightDir = dir.resolve("straight");
    Path splitDir = dir.resolve("split");
    List<float[]> straight = new ArrayList<>();
    double[] straightLogits;
    try (Curriculum run = Curriculum.start(c, DataSplits.open(c), straightDir, Device.cpu())) {
      run.runUntil(16);
      straightLogits = run.policy().logits();
      for (Pair<String, Parameter> p : run.model().parameters()) {
        straight.add(p.getValue().getArray().toFloatArray());
      }
    }
    try (Curriculum first = Curriculum.start(c, DataSplits.open(c), splitDir, Device.cpu())) {
      first.runUntil(7); // epoch 1 (policy phase), 3 of its 4 batches done
      first.saveCheckpoint();
    }
    try (Curriculum second = Curriculum.resume(c, DataSplits.open(c), splitDir, Device.cpu())) {
      assertEquals(7, second.step());
      // The checkpoint carries the validation of epoch 0, made before it.
      assertEquals(List.of(0), second.history().entries().stream()
          .map(ValidationHistory.Entry::epoch).toList());
      second.runUntil(16);
      assertArrayEquals(straightLogits, second.policy().logits(), 1e-9);
      List<Pair<String, Parameter>> params = second.model().parameters();
      for (int i = 0; i < params.size(); i++) {
        assertArrayEquals(straight.get(i), params.get(i).getValue().getArray().toFloatArray(),
            1e-6f, params.get(i).getKey());
      }
    }
  }
}
