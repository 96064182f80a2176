package org.reorder.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Whose log-probability REINFORCE differentiates. Orders are drawn from {@code PL(z / tau)} (Gumbel
 * noise at temperature tau); the policy gradient of the distribution actually sampled is {@code
 * grad_z log PL(pi | z / tau)}. The paper differentiates the untempered {@code log PL(pi | z)}
 * instead: at a low temperature every sample is close to the mode, and that score is dominated by
 * one direction (sharpen or flatten the whole ramp) whose sign follows the reward noise, not by the
 * differences between the sampled orders (docs/policy.md).
 */
public enum ScoreFunction {
  /** {@code grad_z log PL(pi | z / tau)}: the score of the sampled distribution. Default. */
  SAMPLED("sampled"),
  /** {@code grad_z log PL(pi | z)} whatever the temperature (the paper and its code). */
  UNTEMPERED("untempered");

  private final String cliName;

  ScoreFunction(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in JSON. */
  @JsonValue
  public String cliName() {
    return cliName;
  }

  /**
   * Looks a granularity up by {@link #cliName()} (case-insensitive).
   *
   * @throws IllegalArgumentException listing the known names
   */
  @JsonCreator
  public static ScoreFunction fromName(String name) {
    for (ScoreFunction g : values()) {
      if (g.cliName.equalsIgnoreCase(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "unknown policy score '" + name + "'; known: "
            + Arrays.stream(values()).map(ScoreFunction::cliName).collect(Collectors.joining(", ")));
  }
}
