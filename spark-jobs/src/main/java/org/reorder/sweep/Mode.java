package org.reorder.sweep;

import java.util.Arrays;
import java.util.Locale;
import org.reorder.config.ConfigException;

/** Whether a run keeps its starting order ({@code fixed}) or learns one (REOrder, {@code reorder}). */
public enum Mode {
  FIXED,
  REORDER;

  /** The name used in configs, run ids and tables. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code name}; {@code key} names the config key in the error. */
  public static Mode fromName(String key, String name) {
    for (Mode m : values()) {
      if (m.cliName().equals(name)) {
        return m;
      }
    }
    throw ConfigException.at(key, "unknown mode '" + name + "' (known: "
        + String.join(", ", Arrays.stream(values()).map(Mode::cliName).toList()) + ")");
  }
}
