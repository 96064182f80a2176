package org.reorder.dataset;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.reorder.patch.TransformSettings;

/** The dataset layouts {@code reorder prep} reads, with each one's default transform. */
public enum DatasetKind {
  /** The built-in generator's output ({@code reorder generate --layout imagenet}). */
  SYNTHETIC("synthetic", new TransformSettings(0, 32, 8, 3, TransformSettings.WHOLE, 0)),
  IMAGENET("imagenet", TransformSettings.reference()),
  FMOW("fmow", TransformSettings.reference()),
  FASHION_MNIST("fashion-mnist", new TransformSettings(0, 28, 4, 1, TransformSettings.WHOLE, 0));

  private final String cliName;
  private final TransformSettings defaults;

  DatasetKind(String cliName, TransformSettings defaults) {
    this.cliName = cliName;
    this.defaults = defaults;
  }

  public String cliName() {
    return cliName;
  }

  /** The transform used when no transform option is given. */
  public TransformSettings defaultTransform() {
    return defaults;
  }

  /**
   * The kind named {@code name}.
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static DatasetKind fromName(String name) {
    for (DatasetKind k : values()) {
      if (k.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "--dataset: unknown dataset kind '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(DatasetKind::cliName).collect(Collectors.joining(", ")));
  }
}
