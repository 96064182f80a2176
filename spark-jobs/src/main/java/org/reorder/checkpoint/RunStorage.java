package org.reorder.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.prep.TextFiles;

/**
 * The file system a run directory is read and written through. On a local path that is Hadoop's
 * raw local file system, without the {@code .crc} files its default one writes beside every file:
 * round manifests carry the checksums that matter, on every file system alike (object stores have
 * no {@code .crc} files), and a user who edits {@code sweep.yaml} or copies a run directory by hand
 * must not find it refused for a stale checksum file.
 */
public final class RunStorage {
  private RunStorage() {}

  /** The file system of {@code path}. */
  public static FileSystem of(Path path, Configuration conf) {
    try {
      return TextFiles.plainFileSystem(path, conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of " + path + ": "
          + e.getMessage(), e);
    }
  }
}
