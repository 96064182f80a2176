package org.reorder.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The backbone families, with the names used in configs and on the command line. */
public enum ModelType {
  VIT("vit"),
  TRANSFORMER_XL("transformer-xl"),
  LONGFORMER("longformer"),
  MAMBA("mamba");

  private final String cliName;

  ModelType(String cliName) {
    this.cliName = cliName;
  }

  /** The config/CLI name, e.g. {@code transformer-xl}. */
  public String cliName() {
    return cliName;
  }

  /**
   * The type called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static ModelType fromName(String name) {
    for (ModelType t : values()) {
      if (t.cliName.equalsIgnoreCase(name == null ? "" : name.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown model type '" + name + "'; known: "
            + Arrays.stream(values()).map(ModelType::cliName).collect(Collectors.joining(", ")));
  }
}
