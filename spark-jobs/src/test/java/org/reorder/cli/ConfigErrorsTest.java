package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration errors through {@code reorder train}: exit 2 and one line naming the key, an
 * unknown key reported as such (with a suggestion) before the rule it breaks, duplicate keys
 * refused with both line numbers, and never a Java class name.
 */
class ConfigErrorsTest {
  private static final Path SHIPPED = Path.of("../configs/tiny-vit-fixed.yaml");
  @TempDir Path tmp;

  /** Exit code and stderr of {@code train} on the shipped tiny config edited by {@code edit}. */
  private String[] train(String from, String to, String... sets) throws IOException {
    String text = Files.readString(SHIPPED);
    if (from != null) {
      assertFalse(text.equals(text.replace(from, to)), "the edit applies");
      text = text.replace(from, to);
    }
    Path config = Files.writeString(tmp.resolve("config.yaml"), text);
    List<String> args = new ArrayList<>(List.of("train", "--config", config.toString(),
        "--output", tmp.resolve("run").toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    PrintStream err = System.err;
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = ReorderCli.run(args.toArray(String[]::new));
      return new String[] {Integer.toString(code), e.toString(StandardCharsets.UTF_8).strip()};
    } finally {
      System.setErr(err);
    }
  }

  private void assertConfigError(String expected, String[] result) {
    assertEquals("2", result[0], result[1]);
    assertEquals(expected, result[1]);
  }

  @Test
  void aTypoOfARequiredKeyIsAnUnknownKeyNotAMissingOne() throws IOException {
    assertConfigError("reorder train: unknown key model.widht (did you mean width?)",
        train("  width: 32", "  widht: 32"));
  }

  @Test
  void aTypoOfAnOptionalKeyIsAnUnknownKeyNotAnotherRulesFailure() throws IOException {
    assertConfigError(
        "reorder train: unknown key training.warmup_epoch (did you mean warmup_epochs?)",
        train("  warmup_epochs: 1", "  warmup_epoch: 1"));
  }

  @Test
  void aDuplicateKeyIsRefusedWithBothLines() throws IOException {
    String[] r = train("  log_every_steps: 8", "  log_every_steps: 8\n  epochs: 4");
    assertConfigError("reorder train: " + tmp.resolve("config.yaml")
        + ": key training.epochs appears twice, on lines 23 and 29", r);
  }

  @Test
  void anUnknownOrderNamesTheKey() throws IOException {
    String[] r = train(null, null, "training.order=zigzag");
    assertEquals("2", r[0], r[1]);
    assertEquals(true, r[1].startsWith("reorder train: training.order: "), r[1]);
    assertFalse(r[1].contains("Exception") || r[1].contains("java."), r[1]);
  }

  @Test
  void aMissingPatchDirNamesTheKey() throws IOException {
    assertConfigError(
        "reorder train: data.patch_dir: is required when data.source is parquet",
        train(null, null, "data.source=parquet"));
    String[] r = train(null, null, "data.source=parquet",
        "data.patch_dir=" + tmp.resolve("no-such-dataset"));
    assertEquals("2", r[0], r[1]);
    String last = r[1].substring(r[1].lastIndexOf('\n') + 1); // after Hadoop's start-up warning
    assertEquals(true, last.startsWith("reorder train: data.patch_dir: not a patch dataset"), last);
    assertFalse(last.contains("Exception") || last.contains("java."), last);
  }
}
