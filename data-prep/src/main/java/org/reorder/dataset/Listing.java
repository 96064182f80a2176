package org.reorder.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Directory listing helpers over Hadoop's FileSystem (one flat listing call per tree on S3). */
final class Listing {
  private Listing() {}

  /** Every file below {@code dir}, hidden files (starting with . or _) excluded, sorted by path. */
  static List<Path> filesBelow(FileSystem fs, Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    if ("file".equals(fs.getScheme())) {
      // Not listFiles on local disks: each LocatedFileStatus it builds asks for the file's
      // permissions, which Hadoop (without its native library) gets by running `ls -ld`, one
      // process per file on the driver: ~1 ms per image before any task starts, and most of a
      // 2,000-image job's serial time (BENCHMARKS.md, "Data preparation").
      walk(fs, dir, files);
    } else {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        Path p = it.next().getPath();
        if (!isHidden(p.getName())) {
          files.add(p);
        }
      }
    }
    files.sort(null);
    return files;
  }

  private static void walk(FileSystem fs, Path dir, List<Path> files) throws IOException {
    for (FileStatus st : fs.listStatus(dir)) {
      if (st.isDirectory()) {
        walk(fs, st.getPath(), files);
      } else if (!isHidden(st.getPath().getName())) {
        files.add(st.getPath());
      }
    }
  }

  /** Sorted names of the sub-directories of {@code dir}. */
  static List<String> subdirectories(FileSystem fs, Path dir) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    for (FileStatus st : fs.listStatus(dir)) {
      if (st.isDirectory() && !isHidden(st.getPath().getName())) {
        names.add(st.getPath().getName());
      }
    }
    return new ArrayList<>(names);
  }

  /** The splits to read: the requested ones (each must exist) or every sub-directory. */
  static List<String> splits(FileSystem fs, Path root, List<String> requested) throws IOException {
    if (!fs.exists(root)) {
      throw new IllegalArgumentException("--input not found: " + root);
    }
    if (requested.isEmpty()) {
      List<String> all = subdirectories(fs, root);
      if (all.isEmpty()) {
        throw new IllegalArgumentException("--input " + root + " has no split directories");
      }
      return all;
    }
    for (String s : requested) {
      if (!fs.exists(new Path(root, s))) {
        throw new IllegalArgumentException(
            "--splits: split '"
                + s
                + "' not found under "
                + root
                + " (found "
                + subdirectories(fs, root)
                + ")");
      }
    }
    return requested;
  }

  /** Path of {@code file} relative to {@code dir}, as path segments. */
  static String[] relative(Path dir, Path file) {
    String d = dir.toUri().getPath();
    String f = file.toUri().getPath();
    String rel = f.startsWith(d) ? f.substring(d.length()) : f;
    return rel.replaceAll("^/+", "").split("/");
  }

  static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  private static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }
}
