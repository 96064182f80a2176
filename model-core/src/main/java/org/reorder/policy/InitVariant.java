package org.reorder.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a prior scan order {@code s} (slot {@code k} holds patch {@code s[k]}) becomes initial
 * logits: a linear ramp from 0 to -1 "permuted according to the prior".
 */
public enum InitVariant {
  /**
   * {@code z[s[k]] = -k/(N-1)}: the patch in slot {@code k} gets the {@code k}-th largest logit,
   * so the most likely permutation (the mode) is the prior order {@code s} itself. Default.
   */
  MODE("mode"),
  /**
   * {@code z[i] = -s[i]/(N-1)}, as the reference code does: the mode is {@code s}'s inverse, which
   * equals {@code s} only for involutions such as row-major and column-major.
   */
  REFERENCE("reference");

  private final String cliName;

  InitVariant(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in JSON. */
  @JsonValue
  public String cliName() {
    return cliName;
  }

  /**
   * Looks a variant up by {@link #cliName()} (case-insensitive).
   *
   * @throws IllegalArgumentException listing the known names
   */
  @JsonCreator
  public static InitVariant fromName(String name) {
    for (InitVariant v : values()) {
      if (v.cliName.equalsIgnoreCase(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown policy init variant '" + name + "'; known: " + names());
  }

  private static String names() {
    return Arrays.stream(values()).map(InitVariant::cliName).collect(Collectors.joining(", "));
  }
}
