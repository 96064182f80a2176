package org.reorder.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How many permutations are sampled for a mini-batch. */
public enum Granularity {
  /** One permutation shared by every image of the mini-batch (the paper's setting). Default. */
  BATCH("batch"),
  /** An independent permutation per image. */
  IMAGE("image");

  private final String cliName;

  Granularity(String cliName) {
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
  public static Granularity fromName(String name) {
    for (Granularity g : values()) {
      if (g.cliName.equalsIgnoreCase(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "unknown policy granularity '" + name + "'; known: "
            + Arrays.stream(values()).map(Granularity::cliName).collect(Collectors.joining(", ")));
  }
}
