package org.reorder.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one table of size variants (width, depth, heads), as big_vision does with "Ti/S/B".
 * {@code micro} and {@code mini} are CPU-sized; {@code tiny}, {@code small} and {@code base} are
 * the usual ViT-Ti/S/B shapes (base is the paper's width 768, depth 12).
 */
public enum ModelSize {
  MICRO("micro", 64, 2, 2),
  MINI("mini", 192, 4, 3),
  TINY("tiny", 192, 12, 3),
  SMALL("small", 384, 12, 6),
  BASE("base", 768, 12, 12);

  private final String cliName;
  private final int width;
  private final int depth;
  private final int heads;

  ModelSize(String cliName, int width, int depth, int heads) {
    this.cliName = cliName;
    this.width = width;
    this.depth = depth;
    this.heads = heads;
  }

  public String cliName() {
    return cliName;
  }

  public int width() {
    return width;
  }

  public int depth() {
    return depth;
  }

  public int heads() {
    return heads;
  }

  /**
   * The size called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static ModelSize fromName(String name) {
    for (ModelSize s : values()) {
      if (s.cliName.equalsIgnoreCase(name == null ? "" : name.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown model size '" + name + "'; known: "
            + Arrays.stream(values()).map(ModelSize::cliName).collect(Collectors.joining(", ")));
  }
}
