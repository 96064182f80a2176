package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir Path dir;

  private static final String CONFIG = "../configs/tiny-vit-fixed.yaml";

  private int run(ByteArrayOutputStream err, String... args) {
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true));
    try {
      return ReorderCli.run(args);
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void trainsAShippedConfigAndResumesTheFinishedRun() throws Exception {
    Path out = dir.resolve("run");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run(err, "train", "--config", CONFIG, "--set", "training.epochs=1",
        "--set", "data.synthetic.train_size=64", "--set", "data.synthetic.val_size=32",
        "--output", out.toString());
    assertEquals(0, code, err.toString());
    assertTrue(Files.exists(out.resolve("summary.json")));
    assertTrue(Files.readString(out.resolve("metrics.jsonl")).contains("\"kind\":\"eval\""));
    assertTrue(err.toString().contains("img/s") && err.toString().contains("ETA"), err.toString());
    // A second start into the same directory is refused; --resume picks up config.yaml.
    assertEquals(2, run(new ByteArrayOutputStream(), "train", "--config", CONFIG,
        "--output", out.toString()));
    assertEquals(0, run(new ByteArrayOutputStream(), "train", "--resume", "--output",
        out.toString()));
    // Its checkpoints do not fit a model of another width: refused at load, the parameter named.
    ByteArrayOutputStream wider = new ByteArrayOutputStream();
    assertEquals(1, run(wider, "train", "--resume", "--output", out.toString(), "--set",
        "model.width=48"));
    assertTrue(wider.toString().contains("reorder train: failed: cannot load ")
        && wider.toString().contains("parameter positions has shape"), wider.toString());
  }

  @Test
  void badConfigValuesExitWithTheKeyNamed() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run(err, "train", "--config", CONFIG, "--set", "training.lr=-1",
        "--output", dir.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("training.lr: must be > 0, got -1"), err.toString());
  }
}
