package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.patch.PatchBatch;
import org.reorder.data.StoredOrderBatches;

/** {@code prep --dct-scaling} end to end through the CLI. */
class PrepDecodingOptionsTest {
  @TempDir Path tmp;

  private int prep(String out, String... extra) {
    String[] base = {
      "prep", "--dataset", "imagenet", "--input", tmp.resolve("in").toString(), "--output", out,
      "--master", "local[2]", "--resize", "32", "--image-size", "32", "--patch-size", "8"
    };
    String[] args = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return ReorderCli.run(args);
  }

  private static byte[] firstPatches(String dataset) throws Exception {
    try (StoredOrderBatches r = StoredOrderBatches.open(dataset, "train", 100,
        new org.apache.hadoop.conf.Configuration())) {
      PatchBatch b = r.iterator().next();
      return Arrays.copyOf(b.patches(), b.numPatches() * b.patchDim());
    }
  }

  @Test
  void dctScalingDecodesSmallerRecordsItAndNeedsAResize() throws Exception {
    assertEquals(
        0,
        ReorderCli.run(
            "generate", "--output", tmp.resolve("in").toString(), "--images-per-class", "2",
            "--classes", "2", "--size", "64", "--seed", "3"));
    String full = tmp.resolve("full").toString();
    String scaled = tmp.resolve("scaled").toString();
    assertEquals(0, prep(full));
    assertEquals(0, prep(scaled, "--dct-scaling"));
    // 64x64 JPEGs bound for 32: decoded at 1/2 instead of resized, so close but not equal bytes.
    byte[] a = firstPatches(full);
    byte[] b = firstPatches(scaled);
    long diff = 0;
    for (int i = 0; i < a.length; i++) {
      diff += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
    }
    assertTrue(diff > 0 && diff < 8L * a.length, "total absolute difference " + diff);
    assertTrue(Files.readString(Path.of(scaled, "dataset.json")).contains("\"dctScaling\" : true"));
    assertFalse(Files.readString(Path.of(full, "dataset.json")).contains("\"dctScaling\" : true"));

    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured));
    try {
      assertEquals(
          2,
          ReorderCli.run(
              "prep", "--dataset", "synthetic", "--input", tmp.resolve("in").toString(),
              "--output", tmp.resolve("x").toString(), "--dct-scaling"));
    } finally {
      System.setErr(err);
    }
    String msg = captured.toString();
    assertTrue(msg.contains("--dct-scaling needs --resize > 0"), msg);
  }
}
