package org.reorder.dataset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a dataset lister found: the class list (label {@code i} is {@code classes[i]}), the images,
 * and warnings worth printing (such as empty class folders when a class list fixes the labels).
 * Image ids are unique within a split (docs/patch-format.md); a listing that breaks this is
 * refused with both paths named.
 */
public record SourceListing(List<String> classes, List<SourceImage> images, List<String> warnings) {

  public SourceListing {
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("the dataset has no classes");
    }
    classes = List.copyOf(classes);
    images = List.copyOf(images);
    warnings = List.copyOf(warnings);
    Map<String, Map<String, String>> pathByIdBySplit = new HashMap<>();
    for (SourceImage img : images) {
      String other =
          pathByIdBySplit
              .computeIfAbsent(img.split(), s -> new HashMap<>())
              .putIfAbsent(img.imageId(), img.path());
      if (other != null) {
        throw new IllegalArgumentException(
            "image_id '"
                + img.imageId()
                + "' occurs twice in split '"
                + img.split()
                + "': "
                + other
                + " and "
                + img.path()
                + " (ids are file names without extension and must be unique within a split;"
                + " rename one)");
      }
    }
  }

  public SourceListing(List<String> classes, List<SourceImage> images) {
    this(classes, images, List.of());
  }

  /** Images per split, in split-name order. */
  public Map<String, Long> countsBySplit() {
    Map<String, Long> counts = new TreeMap<>();
    for (SourceImage img : images) {
      counts.merge(img.split(), 1L, Long::sum);
    }
    return counts;
  }
}
