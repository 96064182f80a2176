package org.reorder.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.checkpoint.RunStorage;
import org.reorder.train.RunFiles;

/**
 * A sweep's directory through Hadoop's FileSystem (local, HDFS, s3a://), the single source of
 * truth for resuming; its layout is {@link RunFiles}'. Nothing in it records where it is, so it
 * can be copied or moved and resumed from the new place.
 *
 * <p>Whole files are written with one create-and-overwrite (a single PUT on object stores), never
 * appended, so they work on s3a://; a run's metrics grow by one file per round.
 */
public final class RunDirectory {
  private final String root;
  private final Configuration conf;
  private final FileSystem fs;

  public RunDirectory(String root, Configuration conf) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.conf = conf;
    this.fs = RunStorage.of(new Path(this.root), conf);
  }

  /** The root, as given. */
  public String root() {
    return root;
  }

  /** The Hadoop configuration it was opened with. */
  public Configuration conf() {
    return conf;
  }

  /** {@code RUN_DIR/<relative>}. */
  public String path(String relative) {
    return root + "/" + relative;
  }

  /** A run's directory, {@code runs/<id>}. */
  public String run(String runId) {
    return path(RunFiles.RUNS + "/" + runId);
  }

  /** A file of a run's directory. */
  public String run(String runId, String file) {
    return run(runId) + "/" + file;
  }

  /** A run's checkpoint directory. */
  public String checkpoints(String runId) {
    return run(runId, RunFiles.CHECKPOINTS);
  }

  /** Writes (replaces) a UTF-8 text file. */
  public void write(String path, String text) {
    write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes (replaces) a file. */
  public void write(String path, byte[] bytes) {
    try (OutputStream out = fs.create(new Path(path), true)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** A UTF-8 text file, if it exists. */
  public Optional<String> read(String path) {
    Path p = new Path(path);
    try {
      if (!fs.exists(p)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(p)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** The files of directory {@code path} (none if it does not exist). */
  public FileStatus[] list(String path) {
    Path p = new Path(path);
    try {
      return fs.exists(p) ? fs.listStatus(p) : new FileStatus[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a file. */
  public void delete(String path) {
    try {
      fs.delete(new Path(path), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }
}
