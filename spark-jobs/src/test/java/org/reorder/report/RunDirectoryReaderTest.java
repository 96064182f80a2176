package org.reorder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.cli.ReorderCli;
import org.reorder.order.Permutation;
import org.reorder.order.ScanOrder;

class RunDirectoryReaderTest {
  @TempDir Path tmp;

  /** A finished run as `reorder train` leaves it, on a 2x2 grid (image 16, patch 8). */
  static void writeRun(Path dir, String model, String order, boolean reorder, double top1,
      int[] learned) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.yaml"), String.join("\n",
        "model:", "  model_type: " + model, "  width: 16", "  depth: 1", "  heads: 1",
        "  patch_size: 8", "data:", "  source: synthetic", "  image_size: 16",
        "training:", "  order: " + order, "reinforce:", "  enabled: " + reorder,
        "  start_after: 1", "  stop_after: 2", ""));
    Files.writeString(dir.resolve("metrics.jsonl"), String.join("\n",
        "{\"kind\":\"train\",\"step\":4,\"loss\":2.0,\"train_acc\":0.25}",
        "{\"kind\":\"train\",\"step\":8,\"loss\":1.5,\"train_acc\":0.5,\"reward\":-1.5,"
            + "\"baseline\":-0.1,\"temperature\":0.2,\"policy_loss\":0.3}",
        "{\"kind\":\"eval\",\"step\":8,\"val_top1\":0.5,\"val_top1_se\":0.1}", ""));
    Files.writeString(dir.resolve("summary.json"), "{\"order\":" + java.util.Arrays.toString(learned)
        + ",\"validation\":{\"top1\":" + top1 + ",\"top1_se\":0.05}"
        + (reorder ? ",\"best_validation\":{\"top1\":0.875,\"top1_se\":0.04},\"best_epoch\":1"
            : "") + "}");
  }

  @Test
  void readsEveryRunOfASweepWithAccuracyCurvesAndLearnedOrders() throws Exception {
    writeRun(tmp.resolve("runs/vit-row-fixed"), "vit", "row", false, 0.5, new int[] {0, 1, 2, 3});
    writeRun(tmp.resolve("runs/vit-spiral-reorder"), "vit", "spiral", true, 0.75,
        new int[] {3, 2, 1, 0});
    ReportData data = new RunDirectoryReader(new Configuration()).read(tmp.toString(), null);

    // The fixed run's summary has only the final validation (as one written before the best was
    // recorded, or by a sweep); the REOrder run's has its best epoch too.
    assertEquals(List.of(new AccuracyCell("vit", "row", "fixed", 50.0, 5.0),
        new AccuracyCell("vit", "spiral", "reorder", 75.0, 5.0, 87.5, 4.0, 2)), data.accuracy());
    assertEquals(1, data.learnedOrders().size());
    LearnedOrder lo = data.learnedOrders().get(0);
    assertEquals(ScanOrder.SPIRAL.permutation(2, 2, 0), lo.start());
    assertEquals(Permutation.of(3, 2, 1, 0), lo.learned());
    List<Curve> curves = data.curves().get("vit-row-fixed");
    assertEquals(List.of("loss", "train_acc", "reward", "baseline", "temperature", "policy_loss",
        "val_top1"), curves.stream().map(Curve::metric).toList());
    assertEquals(List.of(4.0, 8.0), curves.get(0).steps());
    assertTrue(data.compressibility().isEmpty());
  }

  @Test
  void readsThePriorSummary() throws Exception {
    writeRun(tmp.resolve("run"), "mamba", "row", false, 0.5, new int[] {0, 1, 2, 3});
    Path prior = tmp.resolve("prior.json");
    Files.writeString(prior, "{\"prior\":\"column\",\"rule\":\"least\",\"measure\":\"pixels\","
        + "\"images\":12,\"lzma\":{\"preset\":6},\"stats\":[{\"measure\":\"pixels\","
        + "\"order\":\"row\",\"mean\":18.5,\"ciLow\":18.0,\"ciHigh\":19.0,\"rank\":1}]}");
    ReportData data = new RunDirectoryReader(new Configuration())
        .read(tmp.resolve("run").toString(), prior.toString());
    assertEquals(List.of(new OrderScore("row", "pixels", 18.5, 18.0, 19.0)), data.compressibility());
    assertEquals("column (least compressible by pixels)", data.facts().get("chosen prior"));
  }

  @Test
  void namesTheDirectoryThatHoldsNoRun() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RunDirectoryReader(new Configuration()).read(tmp.toString(), null));
    assertTrue(e.getMessage().startsWith(tmp + " holds no run"), e.getMessage());
  }

  @Test
  void reportCommandWritesTheHtmlIntoTheRunDirectory() throws Exception {
    writeRun(tmp.resolve("run"), "longformer", "hilbert", true, 0.5, new int[] {1, 0, 3, 2});
    assertEquals(0, ReorderCli.run("report", tmp.resolve("run").toString()));
    String html = Files.readString(tmp.resolve("run/report/index.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("Learned orders"));
    assertTrue(Files.exists(tmp.resolve("run/report/order-run-learned.png")));
  }
}
