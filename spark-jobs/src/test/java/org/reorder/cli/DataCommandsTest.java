package org.reorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.patch.PatchBatch;
import org.reorder.data.StoredOrderBatches;

/** generate, prep and prior through the CLI on a tiny synthetic dataset, and their bad options. */
class DataCommandsTest {
  @TempDir Path tmp;

  @Test
  void generatePrepPriorEndToEnd() throws Exception {
    String in = tmp.resolve("in").toString();
    String data = tmp.resolve("data").toString();
    String prior = tmp.resolve("prior").toString();
    assertEquals(
        0,
        ReorderCli.run(
            "generate",
            "--output",
            in,
            "--images-per-class",
            "4",
            "--classes",
            "3",
            "--size",
            "32",
            "--seed",
            "1"));
    assertEquals(
        0,
        ReorderCli.run(
            "prep",
            "--dataset",
            "synthetic",
            "--input",
            in,
            "--output",
            data,
            "--master",
            "local[2]",
            "--shard-rows",
            "5"));
    try (StoredOrderBatches r = StoredOrderBatches.open(data, "train", 100,
        new org.apache.hadoop.conf.Configuration())) {
      PatchBatch b = r.iterator().next();
      assertEquals(12, b.size());
      assertEquals(16, b.numPatches());
      assertEquals(192, b.patchDim());
    }
    assertEquals(
        0,
        ReorderCli.run(
            "prior",
            "--input",
            data,
            "--output",
            prior,
            "--master",
            "local[2]",
            "--orders",
            "row,column,custom:0,1,2,3,4,5,6,7,8,9,10,11,12,13,15,14",
            "--modes",
            "pixels",
            "--bootstrap",
            "50"));
    String json = Files.readString(Path.of(prior, "prior.json"));
    assertTrue(json.contains("\"rule\" : \"least\""), json);
  }

  @Test
  void badOptionsExitWithAMessageNamingTheOption() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured));
    try {
      assertEquals(
          2, ReorderCli.run("prep", "--dataset", "cifar", "--input", "x", "--output", "y"));
      assertEquals(
          2,
          ReorderCli.run(
              "prep",
              "--dataset",
              "imagenet",
              "--input",
              "x",
              "--output",
              "y",
              "--patch-size",
              "30"));
      assertEquals(
          2,
          ReorderCli.run(
              "prep",
              "--dataset",
              "imagenet",
              "--input",
              tmp.resolve("missing").toString(),
              "--output",
              tmp.resolve("o").toString(),
              "--master",
              "local[1]"));
      assertEquals(2, ReorderCli.run("prior", "--input", "x", "--output", "y", "--rule", "best"));
      assertEquals(2, ReorderCli.run("generate", "--output", "y", "--classes", "30"));
    } finally {
      System.setErr(err);
    }
    String msg = captured.toString();
    assertTrue(msg.contains("--dataset: unknown dataset kind 'cifar'"), msg);
    assertTrue(msg.contains("--patch-size 30"), msg);
    assertTrue(msg.contains("--input not found"), msg);
    assertTrue(msg.contains("--rule"), msg);
    assertTrue(msg.contains("--classes"), msg);
  }
}
