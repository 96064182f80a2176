package org.reorder.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.config.ConfigException;

class SweepConfigTest {
  static final String EXPERIMENT = """
        model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 4}
        data: {source: synthetic, image_size: 16, channels: 3, num_classes: 4,
               synthetic: {train_size: 64, val_size: 16}}
        training: {epochs: 2, batch_size: 16, warmup_epochs: 0}
        reinforce: {start_after: 1, stop_after: 2}
        runtime: {device: cpu, progress: false}
      """;

  private static SweepConfig parse(String extra) {
    return SweepConfig.parse("experiment:\n" + EXPERIMENT + extra, "test.yaml", "test", null,
        null);
  }

  @Test
  void theDefaultSweepIsFourBackbonesBySixPaperOrdersByTwoModes() {
    SweepConfig s = parse("");
    assertEquals(48, s.runs().size());
    assertEquals("vit-row-fixed", s.runs().get(0).id());
    assertEquals("vit-row-reorder", s.runs().get(1).id());
    assertEquals("mamba-snake-reorder", s.runs().get(47).id());
    RunSpec txl = s.runs().stream().filter(r -> r.id().equals("transformer-xl-spiral-reorder"))
        .findFirst().orElseThrow();
    assertEquals("transformer-xl", txl.config().model().type().cliName());
    assertEquals("spiral", txl.config().training().order());
    assertTrue(txl.config().reinforce().enabled());
    assertFalse(s.runs().get(0).config().reinforce().enabled());
    assertEquals(SweepRuntime.DEFAULT_STEPS_PER_ROUND, s.runtime().stepsPerRound());
    assertEquals(1, s.runtime().replicas());
    assertEquals("runs/test", s.runtime().runDir());
  }

  @Test
  void axesRuntimeAndOverridesAreRead() {
    SweepConfig s = parse("""
        name: small
        models: [vit]
        orders: [hilbert, column]
        modes: [reorder]
        set: ["training.epochs=3"]
        runtime: {steps_per_round: 4, replicas: 2, keep_checkpoints: 1, run_dir: /tmp/x}
        """);
    assertEquals(List.of("vit-hilbert-reorder", "vit-column-reorder"),
        s.runs().stream().map(RunSpec::id).toList());
    assertEquals(3, s.runs().get(0).config().training().epochs());
    assertEquals(new SweepRuntime(4, 2, 1, "/tmp/x"), s.runtime());
    assertTrue(s.resolvedYaml().contains("steps_per_round: 4"), s.resolvedYaml());
    assertTrue(s.resolvedYaml().contains("experiment:"), s.resolvedYaml());
  }

  @Test
  void errorsNameTheKey() {
    assertMessage("runtime.steps_per_round", "runtime: {steps_per_round: 0}\n");
    assertMessage("runtime.replicas", "runtime: {replicas: -1}\n");
    assertMessage("unknown key runtime.step_per_round", "runtime: {step_per_round: 3}\n");
    assertMessage("unknown key mdoels", "mdoels: [vit]\n");
    assertMessage("modes[1]", "modes: [fixed, learned]\n");
    assertMessage("models[0]", "models: [resnet]\n");
    assertMessage("orders[0]=zigzag", "models: [vit]\norders: [zigzag]\n");
    assertMessage("training.epochs", "set: [\"training.epochs=0\"]\n");
    assertMessage("key runtime.replicas appears twice, on lines 9 and 11",
        "runtime:\n  replicas: 2\n  steps_per_round: 4\n  replicas: 3\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> SweepConfig.parse("models: [vit]\n", "s.yaml", "s", null, null));
    assertTrue(e.getMessage().startsWith("experiment:"), e.getMessage());
  }

  @Test
  void anExperimentPathIsResolvedNextToTheSweepFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("base.yaml"), EXPERIMENT.stripIndent());
    Files.writeString(dir.resolve("sweep.yaml"), "experiment: base.yaml\nmodels: [vit]\n"
        + "orders: [row]\n");
    SweepConfig s = SweepConfig.load(dir.resolve("sweep.yaml").toString(), new Configuration(),
        "/elsewhere");
    assertEquals(2, s.runs().size());
    assertEquals("/elsewhere", s.runtime().runDir());
    assertEquals("sweep", s.name());
    Files.writeString(dir.resolve("bad.yaml"), "experiment: missing.yaml\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> SweepConfig.load(dir.resolve("bad.yaml").toString(), new Configuration(), null));
    assertTrue(e.getMessage().contains("missing.yaml") && e.getMessage().contains("experiment"),
        e.getMessage());
  }

  private static void assertMessage(String expected, String extra) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(extra));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void everyShippedSweepParses() throws Exception {
    Path sweeps = Path.of("").toAbsolutePath().getParent().resolve("configs/sweeps");
    List<Path> files;
    try (var list = Files.list(sweeps)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertEquals(9, files.size(), "configs/sweeps: " + files);
    for (Path file : files) {
      SweepConfig s = SweepConfig.load(file.toString(), new Configuration(), null);
      assertFalse(s.runs().isEmpty(), file.toString());
      if (file.getFileName().toString().startsWith("paper-")) {
        assertEquals(12, s.runs().size(), file + ": 6 paper orders x 2 modes");
      }
    }
  }
}
