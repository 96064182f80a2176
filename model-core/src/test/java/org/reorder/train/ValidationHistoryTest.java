package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationHistoryTest {
  @TempDir Path dir;

  private static ValidationHistory.Entry entry(int epoch, double top1) {
    return new ValidationHistory.Entry(epoch, "fixed",
        new Evaluation(10, 1 - top1, top1, 0.1, 1, 0));
  }

  @Test
  void theBestIsTheEarliestHighestAndTheLastTheLatestEpoch() {
    ValidationHistory h = new ValidationHistory(
        List.of(entry(2, 0.5), entry(0, 0.3), entry(1, 0.5), entry(3, 0.4)));
    assertEquals(List.of(0, 1, 2, 3), h.entries().stream().map(ValidationHistory.Entry::epoch)
        .toList());
    assertEquals(1, h.best().orElseThrow().epoch());
    assertEquals(3, h.last().orElseThrow().epoch());
    h.add(entry(3, 0.9)); // the last epoch validated again: replaces it
    assertEquals(4, h.entries().size());
    assertEquals(3, h.best().orElseThrow().epoch());
    assertTrue(new ValidationHistory().best().isEmpty());
  }

  @Test
  void readsTheEvalLinesOfAMetricsLogBack() {
    Evaluation a = new Evaluation(10, 0.7, 0.3, 0.05, 0.9, 0.01);
    Evaluation b = new Evaluation(10, 0.6, 0.4, Double.NaN, 1, 0); // NaN: left out of the line
    List<String> lines = List.of(
        MetricsLog.line("train").put("step", 4).put("epoch", 0).toJson(),
        a.metricsLine(4, 0, Phase.FIXED, "row").toJson(),
        b.metricsLine(8, 1, Phase.FIXED, "row").toJson(),
        a.metricsLine(8, 1, Phase.FIXED, "row").toJson()); // epoch 1 again: the later one counts
    ValidationHistory h = ValidationHistory.fromMetricsLines(lines);
    assertEquals(List.of(new ValidationHistory.Entry(0, Phase.FIXED.cliName(), a),
        new ValidationHistory.Entry(1, Phase.FIXED.cliName(), a)), h.entries());
    assertTrue(Double.isNaN(ValidationHistory.fromMetricsLines(List.of(lines.get(2)))
        .last().orElseThrow().evaluation().top1Se()));
    assertThrows(IllegalArgumentException.class,
        () -> ValidationHistory.fromMetricsLines(List.of("{not json")));
  }

  @Test
  void roundTripsAndAMissingFileIsAnEmptyHistory() throws IOException {
    ValidationHistory h = new ValidationHistory(List.of(entry(0, 0.25), entry(1, 0.75)));
    h.write(dir.resolve("v.json"));
    assertEquals(h.entries(), ValidationHistory.read(dir.resolve("v.json")).entries());
    assertTrue(ValidationHistory.read(dir.resolve("absent.json")).entries().isEmpty());
    Files.writeString(dir.resolve("bad.json"), "{\"epoch\": 1}");
    IOException e = assertThrows(IOException.class,
        () -> ValidationHistory.read(dir.resolve("bad.json")));
    assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
  }

  @Test
  void aSummaryWithTheFinalOnlyReadsAsBefore() throws IOException {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    RunSummary old = json.readValue("{\"name\":\"r\",\"steps\":4,\"total_steps\":4,\"order\":[0,1],"
        + "\"validation\":{\"images\":10,\"loss\":1,\"top1\":0.5,\"top1_se\":0.1,\"top5\":1,"
        + "\"top5_se\":0},\"policy_logits\":null}", RunSummary.class);
    assertEquals(0.5, old.bestOrFinal().top1());
    assertEquals(null, old.bestEpoch());
    RunSummary full = RunSummary.of("r", 4, 4, new int[] {0, 1},
        new ValidationHistory(List.of(entry(0, 0.75), entry(1, 0.5))), null);
    RunSummary back = json.readValue(json.writeValueAsString(full), RunSummary.class);
    assertEquals(0.5, back.validation().top1());
    assertEquals(0.75, back.bestOrFinal().top1());
    assertEquals(0, back.bestEpoch());
    assertEquals(1, back.finalEpoch());
    assertEquals(full.epochs(), back.epochs());
  }
}
