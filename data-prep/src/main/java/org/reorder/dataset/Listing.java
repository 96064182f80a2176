package org.reorder.dataset;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.reorder.image.DecodeException.Reason;

/** Directory listing helpers over Hadoop's FileSystem (one flat listing call per tree on S3). */
final class Listing {
  private Listing() {}

  /**
   * Every entry below {@code dir} that is not a directory, hidden ones (starting with . or _)
   * excluded, sorted by path: regular files with their size, and entries that are no readable file
   * (FIFOs, sockets, devices, dangling or looping symbolic links) with their problem, so that they
   * become quarantine rows instead of hanging or failing the job.
   */
  static List<ListedFile> filesBelow(FileSystem fs, Path dir) throws IOException {
    List<ListedFile> files = new ArrayList<>();
    if ("file".equals(fs.getScheme())) {
      // Not Hadoop's listings on local disks: listFiles asks for each file's permissions by
      // running `ls -ld` (one process per file, ~1 ms per image on the driver, BENCHMARKS.md,
      // "Data preparation"), and both report a FIFO as a file and drop dangling links silently.
      java.nio.file.Path root = new File(fs.makeQualified(dir).toUri().getPath()).toPath();
      walkLocal(root, new HashSet<>(Set.of(root.toRealPath())), files);
    } else {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        LocatedFileStatus st = it.next();
        if (!isHidden(st.getPath().getName())) {
          files.add(ListedFile.regular(st.getPath(), st.getLen()));
        }
      }
    }
    files.sort((a, b) -> a.path().compareTo(b.path())); // the order rows are written in
    return files;
  }

  /**
   * Lists {@code dir} without following links blindly: a link to a directory is followed unless
   * it leads to one of the directories above it ({@code ancestors}, real paths), which would list
   * the same files again and again until the path is too long.
   */
  private static void walkLocal(
      java.nio.file.Path dir, Set<java.nio.file.Path> ancestors, List<ListedFile> files)
      throws IOException {
    List<java.nio.file.Path> entries = new ArrayList<>();
    try (DirectoryStream<java.nio.file.Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    }
    for (java.nio.file.Path entry : entries) {
      if (isHidden(entry.getFileName().toString())) {
        continue;
      }
      // Not entry.toUri(): it ends a directory's URI with a slash.
      Path path = new Path("file", null, entry.toAbsolutePath().toString());
      BasicFileAttributes attrs =
          Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attrs.isSymbolicLink()) {
        String target = Files.readSymbolicLink(entry).toString();
        try {
          attrs = Files.readAttributes(entry, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          files.add(
              ListedFile.unusable(
                  path, Reason.DANGLING_LINK, path + " is a symbolic link to missing " + target));
          continue;
        } catch (FileSystemException e) { // ELOOP: links that point at each other
          files.add(
              ListedFile.unusable(
                  path,
                  Reason.LINK_LOOP,
                  path + " is a symbolic link that never reaches a file (" + target + ")"));
          continue;
        }
      }
      if (attrs.isDirectory()) {
        java.nio.file.Path real = entry.toRealPath();
        if (ancestors.contains(real)) {
          files.add(
              ListedFile.unusable(
                  path,
                  Reason.LINK_LOOP,
                  path + " is a symbolic link to " + real + ", a directory above it"));
          continue;
        }
        Set<java.nio.file.Path> below = new HashSet<>(ancestors);
        below.add(real);
        walkLocal(entry, below, files);
      } else if (attrs.isRegularFile()) {
        files.add(ListedFile.regular(path, attrs.size()));
      } else {
        files.add(
            ListedFile.unusable(
                path,
                Reason.NOT_A_FILE,
                path + " is not a regular file (a FIFO, socket or device); not opened"));
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

  /**
   * Fails when a split listed nothing: the tree is not laid out the way {@code kind} expects (an
   * ImageNet tree read as fMoW, a mistyped root), and an empty dataset must not pass as success.
   */
  static void requireImages(DatasetKind kind, Path root, String split, int listed) {
    if (listed == 0) {
      throw new IllegalArgumentException(
          "split '"
              + split
              + "' under "
              + root
              + " holds no images: --dataset "
              + kind.cliName()
              + " expects "
              + kind.layout());
    }
  }

  /**
   * An empty class folder would still become a class (sorted folder names give the labels) and
   * shift every later label, so it is an error; with a class list it changes no label and is only
   * worth a warning.
   */
  static void emptyClassFolder(Path folder, boolean classListGiven, List<String> warnings) {
    if (!classListGiven) {
      throw new IllegalArgumentException(
          "class folder "
              + folder
              + " holds no images; remove it (it would shift every later label) or give the"
              + " classes with --class-map");
    }
    warnings.add("class folder " + folder + " holds no images");
  }

  /**
   * Path of {@code file}, as {@link #filesBelow} lists it, relative to {@code dir}, as path
   * segments. {@code dir} is qualified first: the listing's paths are absolute, while an
   * {@code --input} may be relative to the working directory.
   */
  static String[] relative(FileSystem fs, Path dir, Path file) {
    String d = fs.makeQualified(dir).toUri().getPath();
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
