package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
  private static final String EXPERIMENT = """
      name: cli-tiny
      model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 4}
      data: {source: synthetic, image_size: 16, channels: 3, num_classes: 4,
             synthetic: {train_size: 16, val_size: 8}}
      training: {epochs: 2, batch_size: 8, warmup_epochs: 0, order: snake, bootstrap_samples: 50}
      reinforce: {start_after: 1, stop_after: 2}
      runtime: {device: cpu, progress: false}
      """;

  @TempDir Path dir;

  /** Runs the CLI; returns {exit code, stdout, stderr}. */
  private static Object[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = ReorderCli.run(args);
      return new Object[] {code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void reorderRunsOneRunInRoundsAndPrintsProgressAndTheSummary() throws Exception {
    Path config = dir.resolve("tiny.yaml");
    Files.writeString(config, EXPERIMENT);
    Path runDir = dir.resolve("run");
    Object[] r = run("reorder", "--config", config.toString(), "--run-dir", runDir.toString(),
        "--steps-per-round", "2", "--master", "local[2]");
    assertEquals(0, r[0], r[2].toString());
    String out = r[1].toString();
    assertTrue(out.contains("round 2/2") && out.contains("ETA"), out);
    assertTrue(out.contains("Sweep cli-tiny: 1 runs") && out.contains("snake"), out);
    assertTrue(Files.exists(runDir.resolve("runs/vit-snake-reorder/learned-order.json")));
    // Started again on the finished directory: nothing to train, same summary.
    Object[] again = run("reorder", "--config", config.toString(), "--run-dir",
        runDir.toString(), "--steps-per-round", "2", "--master", "local[2]");
    assertEquals(0, again[0], again[2].toString());
    assertTrue(again[1].toString().contains("resuming"), again[1].toString());
  }

  @Test
  void badArgumentsAndConfigsExitWithTwoNamingTheProblem() throws Exception {
    Path config = dir.resolve("tiny.yaml");
    Files.writeString(config, EXPERIMENT);
    Object[] r = run("reorder", "--config", config.toString(), "--replicas", "0");
    assertEquals(2, r[0]);
    assertTrue(r[2].toString().contains("--replicas: must be >= 1, got 0"), r[2].toString());

    r = run("sweep", "--config", dir.resolve("missing.yaml").toString());
    assertEquals(2, r[0]);
    assertTrue(r[2].toString().contains("missing.yaml"), r[2].toString());

    Path sweep = dir.resolve("sweep.yaml");
    Files.writeString(sweep, "experiment: tiny.yaml\nmodels: [vit]\nruntime: {replica: 2}\n");
    r = run("sweep", "--config", sweep.toString());
    assertEquals(2, r[0]);
    assertTrue(r[2].toString().contains("unknown key runtime.replica (did you mean replicas?)"),
        r[2].toString());

    r = run("sweep", "--help");
    assertEquals(0, r[0]);
    assertTrue(r[1].toString().contains("--run-dir") && r[1].toString().contains("--master"),
        r[1].toString());
  }
}
