package org.reorder.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every validation of a run, one per validated epoch, in epoch order: the record the best and the
 * final accuracy are read from (the reference reports the best epoch's). A checkpoint carries it
 * (file {@value RunFiles#VALIDATION}) so a resumed run knows the epochs validated before it.
 */
public final class ValidationHistory {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One epoch's validation.
   *
   * @param epoch the epoch validated after (0-based)
   * @param phase the curriculum phase of that epoch ({@code fixed}, {@code warmup}, ...)
   * @param evaluation the results
   */
  public record Entry(
      @JsonProperty("epoch") int epoch,
      @JsonProperty("phase") String phase,
      @JsonProperty("evaluation") Evaluation evaluation) {
    public Entry {
      if (epoch < 0 || evaluation == null) {
        throw new IllegalArgumentException("validation entry needs an epoch >= 0 and results");
      }
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  /** An empty history. */
  public ValidationHistory() {}

  /** A history of {@code entries} (in any order; a later entry of an epoch replaces one before). */
  public ValidationHistory(List<Entry> entries) {
    entries.forEach(this::add);
  }

  /**
   * Records {@code entry}; one for an epoch already recorded replaces it (a run resumed from its
   * final checkpoint validates the last epoch again).
   */
  public void add(Entry entry) {
    entries.removeIf(e -> e.epoch() == entry.epoch());
    int at = 0;
    while (at < entries.size() && entries.get(at).epoch() < entry.epoch()) {
      at++;
    }
    entries.add(at, entry);
  }

  /** The entries in epoch order. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The highest top-1 accuracy; the earliest such epoch on a tie (the reference keeps the first). */
  public Optional<Entry> best() {
    Entry best = null;
    for (Entry e : entries) {
      if (best == null || e.evaluation().top1() > best.evaluation().top1()) {
        best = e;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The last epoch validated. */
  public Optional<Entry> last() {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
  }

  /**
   * The history the {@code eval} lines among {@code metricsLines} record (a sweep keeps its
   * validations there, one line per validated epoch); other lines are ignored.
   *
   * @throws IllegalArgumentException naming the line when one is not JSON
   */
  public static ValidationHistory fromMetricsLines(List<String> metricsLines) {
    ValidationHistory history = new ValidationHistory();
    for (String text : metricsLines) {
      JsonNode line;
      try {
        line = JSON.readTree(text);
      } catch (IOException e) {
        throw new IllegalArgumentException("metrics line is not JSON: " + text, e);
      }
      if (Evaluation.METRICS_KIND.equals(line.path("kind").asText())) {
        history.add(new Entry(line.path("epoch").asInt(), line.path("phase").asText(),
            Evaluation.fromMetricsLine(line)));
      }
    }
    return history;
  }

  /** Writes the history as JSON to {@code file}. */
  public void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), entries);
  }

  /**
   * The history in {@code file}; an empty one when the file does not exist (checkpoints written
   * before the history was kept).
   *
   * @throws IOException naming the file when it is not a history
   */
  public static ValidationHistory read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new ValidationHistory();
    }
    try {
      return new ValidationHistory(
          JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() {}));
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
