package org.reorder.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Where the reward baseline starts. */
public enum BaselineStart {
  /**
   * The first policy step's mean reward; that step only sets the baseline and moves no logit, so
   * no step is taken with advantages against a baseline that has seen no reward. Default.
   */
  FIRST("first"),
  /** 0, moved by the momentum average from the first step on (the paper and its code). */
  ZERO("zero");

  private final String cliName;

  BaselineStart(String cliName) {
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
  public static BaselineStart fromName(String name) {
    for (BaselineStart g : values()) {
      if (g.cliName.equalsIgnoreCase(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "unknown baseline start '" + name + "'; known: "
            + Arrays.stream(values()).map(BaselineStart::cliName).collect(Collectors.joining(", ")));
  }
}
