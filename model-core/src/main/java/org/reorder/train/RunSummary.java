package org.reorder.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The outcome of a finished run, written as {@code summary.json}.
 *
 * @param name experiment name
 * @param steps steps trained
 * @param totalSteps steps of the whole run
 * @param order the order of the final validation (the prior, or the policy's frozen mode)
 * @param validation the final validation
 * @param policyLogits the policy's final logits (null in fixed-order runs)
 */
public record RunSummary(
    @JsonProperty("name") String name,
    @JsonProperty("steps") int steps,
    @JsonProperty("total_steps") int totalSteps,
    @JsonProperty("order") int[] order,
    @JsonProperty("validation") Evaluation validation,
    @JsonProperty("policy_logits") double[] policyLogits) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }
}
