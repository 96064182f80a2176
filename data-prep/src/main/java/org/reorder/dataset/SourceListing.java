package org.reorder.dataset;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a dataset lister found: the class list (label {@code i} is {@code classes[i]}) and images.
 */
public record SourceListing(List<String> classes, List<SourceImage> images) {

  public SourceListing {
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("the dataset has no classes");
    }
    classes = List.copyOf(classes);
    images = List.copyOf(images);
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
