package org.reorder.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a finished run, written as {@code summary.json}: the final validation and the
 * best epoch's (the accuracy the reference reports), with every epoch's validation.
 *
 * <p>A producer that knows only the final validation (the 6-argument constructor) leaves the
 * best and the history out, and readers then take the final as the only one; a summary written
 * before they existed reads the same way.
 *
 * @param name experiment name
 * @param steps steps trained
 * @param totalSteps steps of the whole run
 * @param order the order of the final validation (the prior, or the policy's frozen mode)
 * @param validation the final validation
 * @param policyLogits the policy's final logits (null in fixed-order runs)
 * @param finalEpoch the epoch of the final validation (null when unknown)
 * @param best the validation of the epoch with the highest top-1 (null when unknown)
 * @param bestEpoch that epoch (null when unknown)
 * @param epochs every epoch's validation in epoch order (null or empty when unknown)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
    @JsonProperty("name") String name,
    @JsonProperty("steps") int steps,
    @JsonProperty("total_steps") int totalSteps,
    @JsonProperty("order") int[] order,
    @JsonProperty("validation") Evaluation validation,
    @JsonProperty("policy_logits") double[] policyLogits,
    @JsonProperty("final_epoch") Integer finalEpoch,
    @JsonProperty("best_validation") Evaluation best,
    @JsonProperty("best_epoch") Integer bestEpoch,
    @JsonProperty("epochs") List<ValidationHistory.Entry> epochs) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @JsonCreator
  public RunSummary {
    epochs = epochs == null ? null : List.copyOf(epochs);
  }

  /** A summary with the final validation only. */
  public RunSummary(String name, int steps, int totalSteps, int[] order, Evaluation validation,
      double[] policyLogits) {
    this(name, steps, totalSteps, order, validation, policyLogits, null, null, null, null);
  }

  /**
   * A summary whose final validation is {@code history}'s last entry and whose best is its best.
   *
   * @throws IllegalArgumentException if {@code history} is empty
   */
  public static RunSummary of(String name, int steps, int totalSteps, int[] order,
      ValidationHistory history, double[] policyLogits) {
    ValidationHistory.Entry last = history.last().orElseThrow(
        () -> new IllegalArgumentException("a run summary needs at least one validation"));
    ValidationHistory.Entry best = history.best().orElseThrow();
    return new RunSummary(name, steps, totalSteps, order, last.evaluation(), policyLogits,
        last.epoch(), best.evaluation(), best.epoch(), history.entries());
  }

  /** The best epoch's validation, or the final one when the best is unknown. */
  public Evaluation bestOrFinal() {
    return best != null ? best : validation;
  }

  void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }
}
