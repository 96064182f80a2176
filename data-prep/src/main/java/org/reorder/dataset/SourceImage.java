package org.reorder.dataset;

import java.io.Serializable;

/**
 * One listed input image, before its bytes are read: listed on the driver, read on executors.
 *
 * @param imageId unique id within the split (file name without extension, or index-based)
 * @param path where the bytes live (any Hadoop path); for in-memory sources a descriptive locator
 * @param split the split it belongs to
 * @param label class index, or -1 when {@code labelName} is not in the class list
 * @param labelName the class name (the raw name from the source when unknown)
 * @param metadataPath the sibling metadata file (fMoW's {@code _rgb.json}), or null
 * @param inlineContent the encoded image when the source is not a file per image (Fashion-MNIST),
 *     or null to read {@code path}
 */
public record SourceImage(
    String imageId,
    String path,
    String split,
    int label,
    String labelName,
    String metadataPath,
    byte[] inlineContent)
    implements Serializable {

  /** An image read from its own file, without metadata. */
  public static SourceImage file(
      String imageId, String path, String split, int label, String labelName) {
    return new SourceImage(imageId, path, split, label, labelName, null, null);
  }
}
