package org.reorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.cli.ReorderCli;
import org.reorder.patch.PatchDatasetWriter;

/**
 * A sweep over a patch dataset with {@code train}/{@code test} splits (as Fashion-MNIST is
 * prepared) validates on {@code test}, as {@code reorder train} does, and says so once.
 */
class SweepValidationSplitIT {
  @TempDir Path dir;

  @Test
  void aDatasetWithoutValValidatesOnItsTestSplit() throws Exception {
    Path data = dir.resolve("data");
    PatchDatasetWriter w = new PatchDatasetWriter(data, 8, 4, 3, List.of("a", "b"));
    w.writeSplit("train", new int[] {16}, w::randomRow);
    w.writeSplit("test", new int[] {6}, w::randomRow);
    Path config = dir.resolve("tiny.yaml");
    Files.writeString(config, """
        model: {model_type: vit, width: 8, depth: 1, heads: 2, patch_size: 4}
        data: {source: parquet, patch_dir: %s, image_size: 8, channels: 3, num_classes: 2}
        training: {epochs: 1, batch_size: 8, warmup_epochs: 0, order: row, bootstrap_samples: 10}
        runtime: {device: cpu, progress: false}
        """.formatted(data));
    Path sweep = dir.resolve("sweep.yaml");
    Files.writeString(sweep, "experiment: tiny.yaml\nmodels: [vit]\norders: [row, column]\n"
        + "modes: [fixed]\nruntime: {steps_per_round: 2}\n");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(PrintStream.nullOutputStream()));
    int code;
    try {
      code = ReorderCli.run("sweep", "--config", sweep.toString(), "--run-dir",
          dir.resolve("run").toString(), "--master", "local[1]");
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, stderr);
    assertEquals(1, stderr.lines().filter(l -> l.contains("validating on 'test'")).count(),
        stderr);
    for (String run : List.of("vit-row-fixed", "vit-column-fixed")) {
      assertTrue(Files.readString(dir.resolve("run/runs/" + run + "/config.yaml"))
          .contains("val_split: test"), run);
    }
    String summary = Files.readString(dir.resolve("run/runs/vit-row-fixed/summary.json"));
    assertTrue(summary.contains("\"images\" : 6"), summary);
  }
}
