package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.dataset.TransientStorageException;

/**
 * Every failed command ends with one line naming what failed and where, exit 2 for bad arguments
 * and 1 for failures, and prints a stack trace only with --verbose.
 */
class FailureLineTest {
  @TempDir static Path tmp;
  static Path input;

  @BeforeAll
  static void generate() throws IOException {
    input = tmp.resolve("in");
    assertEquals(0, ReorderCli.run("generate", "--output", input.toString(), "--images-per-class",
        "4", "--classes", "2", "--size", "32", "--seed", "1"));
    // One bad file in eight train images: 11 % quarantined, over the default limit of 10 %.
    Files.writeString(input.resolve("train/arrangement_00/notes.JPEG"), "not an image");
  }

  /** Exit code and stderr of one CLI run. */
  private static String[] run(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = ReorderCli.run(args);
      return new String[] {Integer.toString(code), e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(err);
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  @Test
  void aFailedPrepEndsWithOneLineAndATraceOnlyWithVerbose() {
    String[] quiet = run("prep", "--dataset", "synthetic", "--input", input.toString(),
        "--output", tmp.resolve("out").toString(), "--master", "local[2]");
    assertEquals("1", quiet[0], quiet[1]);
    String line = lastLine(quiet[1]);
    assertTrue(line.startsWith("reorder prep: failed: split 'train' quarantined 1 of 9 inputs"),
        line);
    assertTrue(line.contains("--max-quarantine-fraction 0.1"), line);
    assertTrue(line.endsWith("(--verbose shows the stack trace)"), line);
    assertFalse(quiet[1].contains("\tat "), quiet[1]);

    String[] verbose = run("prep", "--dataset", "synthetic", "--input", input.toString(),
        "--output", tmp.resolve("out").toString(), "--master", "local[2]", "--verbose");
    assertEquals("1", verbose[0]);
    assertTrue(verbose[1].contains("\tat org.reorder.prep.PrepJob.run"), verbose[1]);
    assertEquals(line.replace(" (--verbose shows the stack trace)", ""), lastLine(verbose[1]));

    String[] lenient = run("prep", "--dataset", "synthetic", "--input", input.toString(),
        "--output", tmp.resolve("out").toString(), "--master", "local[2]",
        "--max-quarantine-fraction", "0.2");
    assertEquals("0", lenient[0], lenient[1]);
  }

  @Test
  void anOutputThatIsAFileIsABadArgument() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    String[] prep = run("prep", "--dataset", "synthetic", "--input", input.toString(),
        "--output", file.toString(), "--master", "local[2]");
    assertEquals("2", prep[0]);
    assertEquals("reorder prep: --output " + file + " is a file; give a directory (new or written"
        + " by reorder)", prep[1].strip());

    String[] train = run("train", "--config", "../configs/tiny-vit-fixed.yaml", "--output",
        file.toString());
    assertEquals("2", train[0]);
    assertEquals("reorder train: --output " + file + " is a file; give a run directory",
        train[1].strip());
  }

  @Test
  void aReportOfAFolderThatHoldsNoRunNamesIt() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("no-run"));
    String[] r = run("report", empty.toString());
    assertEquals("2", r[0]);
    assertEquals(1, r[1].strip().split("\n").length, r[1]);
    assertTrue(r[1].startsWith("reorder report: " + empty + " holds no run"), r[1]);
  }

  @Test
  void summariesCompleteMessagesThatSayTooLittle() {
    assertEquals("/x/y: already exists",
        FailureLine.summary(new java.nio.file.FileAlreadyExistsException("/x/y")));
    assertEquals("job aborted (cause: Connection refused)", FailureLine.summary(
        new RuntimeException("job aborted\n\tat somewhere", new IOException("Connection refused"))));
    assertEquals("cannot read s3a://b/k after 4 attempts: Connection refused",
        FailureLine.summary(new TransientStorageException(
            "cannot read s3a://b/k after 4 attempts: Connection refused",
            new IOException("Connection refused"))));
  }
}
