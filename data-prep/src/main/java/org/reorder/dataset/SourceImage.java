package org.reorder.dataset;

import java.io.Serializable;
import org.reorder.image.DecodeException.Reason;

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
 * @param size the file's size as listed, or -1 when unknown
 * @param problem why the listing already knows this entry cannot be read (not a regular file, a
 *     broken link, outside any class folder), or null
 * @param problemDetail the human message of {@code problem}, naming the entry
 */
public record SourceImage(
    String imageId,
    String path,
    String split,
    int label,
    String labelName,
    String metadataPath,
    byte[] inlineContent,
    long size,
    Reason problem,
    String problemDetail)
    implements Serializable {

  /** The entry {@code file} of a listing, with its size or its problem. */
  static SourceImage listed(
      String imageId,
      ListedFile file,
      String split,
      int label,
      String labelName,
      String metadataPath) {
    return new SourceImage(
        imageId,
        file.path().toString(),
        split,
        label,
        labelName,
        metadataPath,
        null,
        file.size(),
        file.problem(),
        file.detail());
  }

  /** An image held in memory (a record of a container file such as Fashion-MNIST's idx). */
  static SourceImage inline(
      String imageId, String locator, String split, int label, String labelName, byte[] content) {
    return new SourceImage(
        imageId, locator, split, label, labelName, null, content, content.length, null, null);
  }

  /** This entry marked unusable for {@code problem} before any byte is read. */
  SourceImage withProblem(Reason problem, String detail) {
    return new SourceImage(
        imageId, path, split, label, labelName, metadataPath, inlineContent, size, problem, detail);
  }
}
