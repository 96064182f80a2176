package org.reorder.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists an fMoW-RGB tree: {@code <split>/<category>/<category>_<id>/<category>_<id>_<k>_rgb.jpg},
 * each with a sibling {@code _rgb.json} (read later, on executors: a missing or malformed one sends
 * the image to quarantine). Only {@code *_rgb.jpg} files are images here; the JSON files are their
 * metadata. Labels index the sorted category folders of {@code train} (or of all listed splits), or
 * a {@code --class-map} file. A split list file ({@code --split-list split=FILE}) restricts a split
 * to the instances it names, one per line, as {@code category/category_id} or as a path of an image
 * relative to the split folder.
 */
public final class FmowLister {
  private static final String IMAGE_SUFFIX = "_rgb.jpg";

  private FmowLister() {}

  public static SourceListing list(
      FileSystem fs,
      Path root,
      List<String> requestedSplits,
      Path classMap,
      Map<String, Path> splitLists)
      throws IOException {
    List<String> splits = Listing.splits(fs, root, requestedSplits);
    ClassList classes =
        classMap != null
            ? ClassList.fromFile(fs, classMap)
            : ImageNetLister.folderClasses(fs, root, splits);
    List<SourceImage> images = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String split : splits) {
      Path dir = new Path(root, split);
      Set<String> allowed =
          splitLists.containsKey(split) ? readList(fs, splitLists.get(split)) : null;
      Set<String> filled = new HashSet<>();
      int named = 0; // entries named like images: none means this is no fMoW tree
      for (ListedFile file : Listing.filesBelow(fs, dir)) {
        String name = file.path().getName();
        boolean image = name.toLowerCase(Locale.ROOT).endsWith(IMAGE_SUFFIX);
        // Other files are the images' metadata and extras, but a broken link or a FIFO is
        // reported whatever its name: it may well have been an image.
        if (!image && file.problem() == null) {
          continue;
        }
        String[] rel = Listing.relative(fs, dir, file.path());
        String category = rel[0];
        String instance = rel.length >= 3 ? rel[0] + "/" + rel[1] : rel[0];
        if (allowed != null
            && !allowed.contains(instance)
            && !allowed.contains(String.join("/", rel))) {
          continue;
        }
        String id =
            image ? name.substring(0, name.length() - IMAGE_SUFFIX.length()) : Listing.stem(name);
        String path = file.path().toString();
        String json = image ? path.substring(0, path.length() - ".jpg".length()) + ".json" : null;
        images.add(
            SourceImage.listed(id, file, split, classes.label(category), category, json));
        if (image) {
          named++;
          filled.add(category);
        }
      }
      Listing.requireImages(DatasetKind.FMOW, root, split, named);
      if (allowed == null) { // a split list may well leave categories without images
        for (String folder : Listing.subdirectories(fs, dir)) {
          if (!filled.contains(folder)) {
            Listing.emptyClassFolder(new Path(dir, folder), classMap != null, warnings);
          }
        }
      }
    }
    return new SourceListing(classes.names(), images, warnings);
  }

  private static Set<String> readList(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      throw new IllegalArgumentException("--split-list file not found: " + file);
    }
    Set<String> entries = new HashSet<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        String t = line.strip().replaceAll("^/+|/+$", "");
        if (!t.isEmpty() && !t.startsWith("#")) {
          entries.add(t);
        }
      }
    }
    return entries;
  }
}
