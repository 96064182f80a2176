package org.reorder.image;

import java.io.Serializable;
import org.reorder.image.DecodeException.Reason;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.Patchifier;
import org.reorder.patch.TransformSettings;

/**
 * Turns decoded pixels into a patch tensor: optional bounding-box region (grown by the context
 * fraction, clipped to the image), channel conversion, shorter-side resize, center crop (offsets
 * rounded half-to-even like torchvision), patchify. Serializable so executors get a copy.
 */
public final class ImageTransformer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TransformSettings settings;
  private final PatchGrid grid;

  public ImageTransformer(TransformSettings settings) {
    this.settings = settings;
    this.grid = settings.grid();
  }

  public PatchGrid grid() {
    return grid;
  }

  /**
   * The smallest shorter side the decoder may reduce an image to (see {@link
   * ImageDecoder#decode(byte[], int)}): {@code resize} with {@code dctScaling}, else 0 (full size).
   */
  public int minDecodedSide() {
    return settings.dctScaling() ? settings.resize() : 0;
  }

  /**
   * The patch tensor of {@code image}.
   *
   * @param box {@code {x, y, w, h}} of the region to keep (used when the settings say {@code
   *     bbox}), or null for the whole image
   * @throws DecodeException {@code too-small} when the image cannot fill the crop, {@code
   *     malformed-metadata} when the box misses the image
   */
  public byte[] patches(Pixels image, int[] box) throws DecodeException {
    return Patchifier.patchify(transform(image, box).data(), grid);
  }

  /** The cropped, resized image {@link #patches} cuts into patches. */
  public Pixels transform(Pixels image, int[] box) throws DecodeException {
    Pixels img = image;
    if (TransformSettings.BBOX.equals(settings.region())) {
      if (box == null) {
        throw new DecodeException(Reason.MALFORMED_METADATA, "no bounding box for --region bbox");
      }
      img = region(img, box);
    }
    img = img.withChannels(settings.channels());
    int[] size =
        settings.resize() > 0
            ? Resampler.shorterSideSize(img.width(), img.height(), settings.resize())
            : new int[] {img.width(), img.height()};
    int crop = settings.imageSize();
    if (size[0] < crop || size[1] < crop) {
      throw new DecodeException(
          Reason.TOO_SMALL,
          "image is "
              + size[0]
              + "x"
              + size[1]
              + " after resizing, smaller than the "
              + crop
              + "x"
              + crop
              + " crop");
    }
    int top = (int) Math.rint((size[1] - crop) / 2.0);
    int left = (int) Math.rint((size[0] - crop) / 2.0);
    // Only the crop's pixels are resampled: the same bytes as resizing everything, then cropping.
    return Resampler.resizeAndCrop(img, size[0], size[1], left, top, crop, crop);
  }

  private Pixels region(Pixels img, int[] box) throws DecodeException {
    double padX = box[2] * settings.context();
    double padY = box[3] * settings.context();
    int x0 = (int) Math.max(0, Math.floor(box[0] - padX));
    int y0 = (int) Math.max(0, Math.floor(box[1] - padY));
    int x1 = (int) Math.min(img.width(), Math.ceil(box[0] + box[2] + padX));
    int y1 = (int) Math.min(img.height(), Math.ceil(box[1] + box[3] + padY));
    if (box[2] < 1 || box[3] < 1 || x1 <= x0 || y1 <= y0) {
      throw new DecodeException(
          Reason.MALFORMED_METADATA,
          "bounding box ["
              + box[0]
              + ", "
              + box[1]
              + ", "
              + box[2]
              + ", "
              + box[3]
              + "] is empty or outside the "
              + img.width()
              + "x"
              + img.height()
              + " image");
    }
    return img.crop(x0, y0, x1 - x0, y1 - y0);
  }
}
