package org.reorder.dataset;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.reorder.patch.TransformSettings;

/** The dataset layouts {@code reorder prep} reads, with each one's default transform. */
public enum DatasetKind {
  /** The built-in generator's output ({@code reorder generate --layout imagenet}). */
  SYNTHETIC(
      "synthetic",
      new TransformSettings(0, 32, 8, 3, TransformSettings.WHOLE, 0),
      Layouts.IMAGENET),
  IMAGENET("imagenet", TransformSettings.reference(), Layouts.IMAGENET),
  FMOW(
      "fmow",
      TransformSettings.reference(),
      "<split>/<category>/<category>_<id>/<category>_<id>_<k>_rgb.jpg (with _rgb.json beside)"),
  FASHION_MNIST(
      "fashion-mnist",
      new TransformSettings(0, 28, 4, 1, TransformSettings.WHOLE, 0),
      "train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz] and the t10k- pair");

  private final String cliName;
  private final TransformSettings defaults;
  private final String layout;

  DatasetKind(String cliName, TransformSettings defaults, String layout) {
    this.cliName = cliName;
    this.defaults = defaults;
    this.layout = layout;
  }

  /** Where the files of this kind lie below the dataset root, for error messages. */
  public String layout() {
    return layout;
  }

  public String cliName() {
    return cliName;
  }

  /** The transform used when no transform option is given. */
  public TransformSettings defaultTransform() {
    return defaults;
  }

  /** Layout descriptions shared by more than one kind (enum constants cannot share a field). */
  private static final class Layouts {
    static final String IMAGENET =
        "<split>/<class>/<image> (or a flat <split>/<image> with LOC_val_solution.csv)";
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
