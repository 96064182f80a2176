package org.reorder.patch;

/**
 * How source images became patch tensors: optional bounding-box region, shorter-side resize, center
 * crop, patchify. Recorded in the dataset sidecar.
 *
 * @param resize the shorter side after resizing, or 0 to keep the decoded size
 * @param imageSize side of the square center crop
 * @param patchSize side of a square patch; must divide {@code imageSize}
 * @param channels channels of the patch tensors (3 for RGB, 1 for grayscale datasets)
 * @param region {@code whole} (the image) or {@code bbox} (fMoW's bounding box with context)
 * @param context for {@code bbox}: the box grows by this fraction of its width/height on each side
 * @param dctScaling JPEGs may be decoded at 1/2, 1/4 or 1/8 of their size (libjpeg's reduced DCT)
 *     when the shorter side stays at least {@code resize}: faster, but the pixels differ slightly
 *     from a full-size decode resized like torchvision (docs/data-prep.md); false by default
 */
public record TransformSettings(
    int resize,
    int imageSize,
    int patchSize,
    int channels,
    String region,
    double context,
    boolean dctScaling)
    implements java.io.Serializable {

  public static final String WHOLE = "whole";
  public static final String BBOX = "bbox";

  public TransformSettings {
    if (imageSize < 1) {
      throw new IllegalArgumentException("--image-size must be positive, got " + imageSize);
    }
    if (patchSize < 1 || imageSize % patchSize != 0) {
      throw new IllegalArgumentException(
          "--patch-size " + patchSize + " must be positive and divide --image-size " + imageSize);
    }
    if (resize != 0 && resize < imageSize) {
      throw new IllegalArgumentException(
          "--resize " + resize + " must be 0 (no resize) or at least --image-size " + imageSize);
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    if (!WHOLE.equals(region) && !BBOX.equals(region)) {
      throw new IllegalArgumentException(
          "--region must be " + WHOLE + " or " + BBOX + ", got '" + region + "'");
    }
    if (!(context >= 0) || Double.isInfinite(context)) {
      throw new IllegalArgumentException("--context must be finite and >= 0, got " + context);
    }
    if (dctScaling && (resize == 0 || BBOX.equals(region))) {
      // The reduced size must be known before decoding: the shorter side after --resize, of the
      // whole image (a bounding box is in full-size pixels).
      throw new IllegalArgumentException(
          "--dct-scaling needs --resize > 0 and --region " + WHOLE + ", got --resize " + resize
              + " --region " + region);
    }
  }

  /** Settings that decode every image at full size (no {@code dctScaling}). */
  public TransformSettings(
      int resize, int imageSize, int patchSize, int channels, String region, double context) {
    this(resize, imageSize, patchSize, channels, region, context, false);
  }

  /** The same settings with {@code dctScaling} set to {@code on}. */
  public TransformSettings withDctScaling(boolean on) {
    return new TransformSettings(resize, imageSize, patchSize, channels, region, context, on);
  }

  /** The reference transform: shorter side 256, center crop 224, 16x16 RGB patches, whole image. */
  public static TransformSettings reference() {
    return new TransformSettings(256, 224, 16, 3, WHOLE, 0.0);
  }

  /** The grid every image of this transform has. */
  public PatchGrid grid() {
    return PatchGrid.of(imageSize, imageSize, channels, patchSize);
  }
}
