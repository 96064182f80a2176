package org.reorder.dataset.synthetic;

/**
 * Settings of the synthetic dataset generator.
 *
 * @param layout {@code imagenet} ({@code <split>/<class>/<id>.JPEG}) or {@code fmow} ({@code
 *     <split>/<class>/<class>_<n>/<class>_<n>_0_rgb.jpg} with its {@code _rgb.json})
 * @param output the directory to write (local path or any Hadoop URI)
 * @param imagesPerClass train images per class; val gets a quarter (at least 1)
 * @param classes number of classes, 2..24 (one per arrangement of four colored shapes)
 * @param size side of the square arrangement in pixels (the image for imagenet; fmow images add a
 *     margin around it, given by the bounding box)
 * @param seed the random seed; the same settings give the same files
 */
public record GenerateOptions(
    String layout, String output, int imagesPerClass, int classes, int size, long seed) {

  public static final String IMAGENET = "imagenet";
  public static final String FMOW = "fmow";

  public GenerateOptions {
    if (!IMAGENET.equals(layout) && !FMOW.equals(layout)) {
      throw new IllegalArgumentException(
          "--layout must be " + IMAGENET + " or " + FMOW + ", got '" + layout + "'");
    }
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("--output is required");
    }
    if (imagesPerClass < 1) {
      throw new IllegalArgumentException("--images-per-class must be >= 1, got " + imagesPerClass);
    }
    if (classes < 2 || classes > SyntheticImages.MAX_CLASSES) {
      throw new IllegalArgumentException(
          "--classes must be in 2.." + SyntheticImages.MAX_CLASSES + ", got " + classes);
    }
    if (size < 8) {
      throw new IllegalArgumentException("--size must be >= 8, got " + size);
    }
  }

  /** Validation images per class. */
  public int valPerClass() {
    return Math.max(1, imagesPerClass / 4);
  }
}
