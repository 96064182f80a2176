package org.reorder.prior;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What is compressed per (image, order): the raw patch bytes, or the VQ codes as unigram or bigram
 * symbols (reorder-method.md section 3).
 */
public enum Measure {
  PIXELS("pixels"),
  TOKENS_UNIGRAM("tokens-unigram"),
  TOKENS_BIGRAM("tokens-bigram");

  private final String cliName;

  Measure(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public boolean needsCodebook() {
    return this != PIXELS;
  }

  /**
   * The measure named {@code name}.
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static Measure fromName(String name) {
    for (Measure m : values()) {
      if (m.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown measure '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(Measure::cliName).collect(Collectors.joining(", ")));
  }
}
