package org.reorder.prep;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** Writes small text outputs (JSON sidecars and summaries) through Hadoop's FileSystem. */
public final class TextFiles {
  private TextFiles() {}

  /**
   * Writes {@code text} (UTF-8) to {@code path}, replacing it. Local files are written without
   * Hadoop's {@code .crc} side file, so that people can read and edit them like any JSON file.
   */
  public static void write(Path path, String text, Configuration conf) throws IOException {
    try (OutputStream os = plainFileSystem(path, conf).create(path, true)) {
      os.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The file system of {@code path}; for local paths the raw one, which writes no .crc files. */
  public static FileSystem plainFileSystem(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }
}
