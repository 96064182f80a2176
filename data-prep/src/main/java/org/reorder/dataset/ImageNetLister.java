package org.reorder.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.image.DecodeException.Reason;

/**
 * Lists an ImageNet-1K style tree: {@code <split>/<synset>/<file>} (train, and val in folder form),
 * or a flat {@code <split>/<file>} whose labels come from a LOC_val_solution.csv ({@code
 * ImageId,PredictionString}, the synset is the first token of PredictionString). Labels index the
 * sorted synset folders of {@code train} (or of all listed splits when there is no train), or a
 * {@code --class-map} file. Every file is listed, whatever its extension: a file that is not an
 * image ends up in quarantine, not silently dropped, and so does a file lying next to the class
 * folders. An empty class folder is an error (it would become a class and shift every later
 * label), or a warning with {@code --class-map} (which fixes the labels).
 */
public final class ImageNetLister {
  /** The label file's name where ImageNet's Kaggle layout keeps it, next to the split folders. */
  public static final String VAL_SOLUTION = "LOC_val_solution.csv";

  private ImageNetLister() {}

  /**
   * @param classMap a class mapping file, or null for sorted folder names
   * @param valLabels the label CSV for flat splits, or null for {@code <root>/LOC_val_solution.csv}
   */
  public static SourceListing list(
      FileSystem fs, Path root, List<String> requestedSplits, Path classMap, Path valLabels)
      throws IOException {
    List<String> splits = Listing.splits(fs, root, requestedSplits);
    ClassList classes =
        classMap != null ? ClassList.fromFile(fs, classMap) : folderClasses(fs, root, splits);
    Map<String, String> flatLabels = null;
    List<SourceImage> images = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String split : splits) {
      Path dir = new Path(root, split);
      List<String> classFolders = Listing.subdirectories(fs, dir);
      // A split is flat (labels from the CSV) only when it has no class folders at all; a stray
      // file next to class folders (a README.txt) is quarantined, not taken for a flat split.
      boolean flat = classFolders.isEmpty();
      Set<String> filled = new HashSet<>();
      int listed = images.size();
      for (ListedFile file : Listing.filesBelow(fs, dir)) {
        String[] rel = Listing.relative(fs, dir, file.path());
        String id = Listing.stem(file.path().getName());
        if (!flat && rel.length == 1) {
          SourceImage stray = SourceImage.listed(id, file, split, -1, "", null);
          images.add(
              file.problem() != null
                  ? stray
                  : stray.withProblem(
                      Reason.STRAY_FILE,
                      file.path() + " lies next to the class folders of " + dir + ", in none"));
          continue;
        }
        String synset;
        if (!flat) {
          synset = rel[rel.length - 2];
          filled.add(rel[0]);
        } else {
          if (flatLabels == null) {
            flatLabels =
                readSolution(
                    fs, valLabels != null ? valLabels : new Path(root, VAL_SOLUTION), split, file);
          }
          synset = flatLabels.getOrDefault(id, "");
        }
        images.add(SourceImage.listed(id, file, split, classes.label(synset), synset, null));
      }
      Listing.requireImages(DatasetKind.IMAGENET, root, split, images.size() - listed);
      for (String folder : classFolders) {
        if (!filled.contains(folder)) {
          Listing.emptyClassFolder(new Path(dir, folder), classMap != null, warnings);
        }
      }
    }
    return new SourceListing(classes.names(), images, warnings);
  }

  /** Sorted sub-folder names of train, or of every listed split when there is no train. */
  static ClassList folderClasses(FileSystem fs, Path root, List<String> splits) throws IOException {
    Path train = new Path(root, "train");
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    if (fs.exists(train)) {
      names.addAll(Listing.subdirectories(fs, train));
    } else {
      for (String s : splits) {
        names.addAll(Listing.subdirectories(fs, new Path(root, s)));
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "no class folders under " + root + ": give the class list with --class-map");
    }
    return new ClassList(new ArrayList<>(names));
  }

  /** ImageId to synset from a LOC_val_solution.csv. */
  static Map<String, String> readSolution(FileSystem fs, Path csv, String split, ListedFile first)
      throws IOException {
    if (!fs.exists(csv)) {
      throw new IllegalArgumentException(
          "split '"
              + split
              + "' holds files without class folders (such as "
              + first.path()
              + "), which need a label CSV: "
              + csv
              + " not found (give it with --val-labels, or put the files in class folders)");
    }
    Map<String, String> labels = new HashMap<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(fs.open(csv), StandardCharsets.UTF_8))) {
      String header = r.readLine();
      if (header == null || !header.strip().startsWith("ImageId")) {
        throw new IllegalArgumentException(
            csv + ": expected the header 'ImageId,PredictionString', got '" + header + "'");
      }
      int lineNo = 1;
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cols = line.split(",", 2);
        String[] tokens = cols.length == 2 ? cols[1].strip().split("\\s+") : new String[0];
        if (tokens.length == 0 || tokens[0].isEmpty()) {
          throw new IllegalArgumentException(
              csv + " line " + lineNo + ": no synset in PredictionString: '" + line + "'");
        }
        labels.put(cols[0].strip(), tokens[0]);
      }
    }
    return labels;
  }
}
