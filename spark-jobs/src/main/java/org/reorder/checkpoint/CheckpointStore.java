package org.reorder.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Per-round checkpoints of one run under {@code <dir>/round-NNNNNN/}, through Hadoop's FileSystem
 * API so local paths, HDFS and {@code s3a://} behave the same.
 *
 * <p>A round is written file by file and then committed by writing a {@code _COMMITTED} marker
 * last. Directory renames are not atomic on object stores, but a single small PUT is, so readers
 * trust only rounds that have the marker: a task or driver that dies mid-write leaves an
 * uncommitted round that is ignored and overwritten by the retry. After a commit, older rounds
 * beyond {@code keep} are deleted (write the new one fully, then drop the old).
 */
public final class CheckpointStore {
  static final String COMMITTED = "_COMMITTED";
  private static final Pattern ROUND_DIR = Pattern.compile("round-(\\d{6,})");

  private final Path dir;
  private final FileSystem fs;
  private final int keep;

  /**
   * @param dir the checkpoint directory (created on first commit)
   * @param conf Hadoop configuration (S3A credentials, endpoint, ...)
   * @param keep how many committed rounds to keep (at least 1)
   */
  public CheckpointStore(String dir, Configuration conf, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    this.dir = new Path(dir);
    this.keep = keep;
    try {
      this.fs = this.dir.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of " + dir, e);
    }
  }

  /** The newest committed round, if any. */
  public OptionalInt latestRound() {
    List<Integer> rounds = committedRounds();
    return rounds.isEmpty() ? OptionalInt.empty() : OptionalInt.of(rounds.get(rounds.size() - 1));
  }

  /** Committed rounds in ascending order. */
  public List<Integer> committedRounds() {
    TreeSet<Integer> rounds = new TreeSet<>();
    try {
      if (!fs.exists(dir)) {
        return List.of();
      }
      for (FileStatus st : fs.listStatus(dir)) {
        Matcher m = ROUND_DIR.matcher(st.getPath().getName());
        if (st.isDirectory() && m.matches() && fs.exists(new Path(st.getPath(), COMMITTED))) {
          rounds.add(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints under " + dir, e);
    }
    return new ArrayList<>(rounds);
  }

  /** Writes every file of {@code round}, then its commit marker, then prunes old rounds. */
  public void commit(int round, Map<String, byte[]> files) {
    Path roundDir = roundDir(round);
    try {
      // A previous attempt of this round may have left partial files: start clean.
      fs.delete(roundDir, true);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        if (f.getKey().equals(COMMITTED) || f.getKey().contains("/")) {
          throw new IllegalArgumentException("invalid checkpoint file name: " + f.getKey());
        }
        write(new Path(roundDir, f.getKey()), f.getValue());
      }
      write(new Path(roundDir, COMMITTED), new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + roundDir, e);
    }
    prune();
  }

  /** Reads one file of a committed round. */
  public byte[] read(int round, String name) {
    Path roundDir = roundDir(round);
    Path file = new Path(roundDir, name);
    try {
      if (!fs.exists(new Path(roundDir, COMMITTED))) {
        throw new IllegalStateException("checkpoint " + roundDir + " is not committed");
      }
      if (!fs.exists(file)) {
        throw new IllegalStateException("checkpoint " + roundDir + " has no file " + name);
      }
      try (InputStream in = fs.open(file); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
        in.transferTo(out);
        return out.toByteArray();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The directory of one round, committed or not. */
  public Path roundDir(int round) {
    return new Path(dir, String.format("round-%06d", round));
  }

  private void prune() {
    List<Integer> rounds = committedRounds();
    try {
      for (int i = 0; i < rounds.size() - keep; i++) {
        fs.delete(roundDir(rounds.get(i)), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune old checkpoints under " + dir, e);
    }
  }

  private void write(Path path, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }
}
