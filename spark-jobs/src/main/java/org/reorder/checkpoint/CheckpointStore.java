package org.reorder.checkpoint;

import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.train.RunFiles;

/**
 * Per-round checkpoints of one run under {@code <dir>/round-NNNNNN/}, through Hadoop's FileSystem
 * API so local paths, HDFS and {@code s3a://} behave the same.
 *
 * <p>Writing: tasks stream their files into the round's directory ({@link #create}; a file is
 * written once, straight to the file system, its size and CRC-32C computed on the way); the
 * driver then {@link #commit}s: its own small files, the manifest of every file, and last the
 * {@code _COMMITTED} marker. Directory renames are not atomic on object stores but a single small
 * PUT is, so readers trust only rounds with the marker, and a task or driver that dies mid-write
 * leaves an uncommitted round that the retry overwrites. After a commit, committed rounds beyond
 * {@code keep} are deleted (write the new one fully, then drop the old).
 *
 * <p>Reading: {@link #open} checks a file against the manifest while it is read (its size as it
 * goes, its checksum at the end) and fails with a {@link CorruptCheckpointException} naming the
 * file; {@link #verifySizes} checks a whole round from a listing, reading no content.
 */
public final class CheckpointStore {
  private static final Pattern ROUND_DIR = Pattern.compile("round-(\\d{6,})");

  private final Path dir;
  private final FileSystem fs;
  private final int keep;

  /**
   * @param dir the checkpoint directory (created on first write)
   * @param conf Hadoop configuration (S3A credentials, endpoint, ...)
   * @param keep how many committed rounds to keep (at least 1)
   */
  public CheckpointStore(String dir, Configuration conf, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    this.dir = new Path(dir);
    this.keep = keep;
    this.fs = RunStorage.of(this.dir, conf);
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
        if (st.isDirectory() && m.matches()
            && fs.exists(new Path(st.getPath(), RunFiles.COMMITTED))) {
          rounds.add(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints under " + dir + ": "
          + e.getMessage(), e);
    }
    return new ArrayList<>(rounds);
  }

  /**
   * Starts writing file {@code name} of the (uncommitted) round {@code round}, replacing an earlier
   * attempt's; its {@link Output#digest()} is known once it is closed.
   */
  public Output create(int round, String name) throws IOException {
    checkName(name);
    return new Output(fs.create(new Path(roundDir(round), name), true));
  }

  /**
   * The bytes of file {@code name} of an uncommitted round (a temporary file of its tasks), or
   * empty while it does not exist.
   */
  public Optional<byte[]> readTemporary(int round, String name) throws IOException {
    checkName(name);
    try (InputStream in = fs.open(new Path(roundDir(round), name))) {
      return Optional.of(in.readAllBytes());
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Deletes file {@code name} of an uncommitted round (a temporary file of its tasks). */
  public void delete(int round, String name) throws IOException {
    fs.delete(new Path(roundDir(round), name), false);
  }

  /**
   * Commits {@code round}: writes {@code small} (the driver's files), then the manifest of those
   * and of {@code written} (what the tasks wrote), then the marker; then prunes old rounds.
   *
   * @return the manifest
   */
  public Manifest commit(int round, Map<String, FileDigest> written, Map<String, byte[]> small) {
    Path roundDir = roundDir(round);
    Map<String, FileDigest> files = new LinkedHashMap<>(written);
    try {
      for (Map.Entry<String, byte[]> f : small.entrySet()) {
        checkName(f.getKey());
        write(new Path(roundDir, f.getKey()), f.getValue());
        files.put(f.getKey(), FileDigest.of(f.getValue()));
      }
      Manifest manifest = new Manifest(round, files);
      write(new Path(roundDir, RunFiles.MANIFEST), manifest.toJson());
      write(new Path(roundDir, RunFiles.COMMITTED), new byte[0]);
      prune();
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit checkpoint " + roundDir + ": "
          + e.getMessage(), e);
    }
  }

  /** The manifest of committed round {@code round}. */
  public Manifest manifest(int round) {
    Path file = new Path(roundDir(round), RunFiles.MANIFEST);
    try {
      if (!fs.exists(file)) {
        throw new CorruptCheckpointException(round, file + " is missing");
      }
      try (InputStream in = fs.open(file)) {
        return Manifest.fromJson(in.readAllBytes(), file.toString());
      }
    } catch (IllegalArgumentException e) {
      throw new CorruptCheckpointException(round, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks from a listing that every file of {@code manifest}'s round exists with its recorded
   * size: a truncated or missing file fails naming it, without reading any content.
   */
  public void verifySizes(Manifest manifest) {
    Path roundDir = roundDir(manifest.round());
    try {
      Map<String, Long> sizes = new LinkedHashMap<>();
      for (FileStatus st : fs.listStatus(roundDir)) {
        sizes.put(st.getPath().getName(), st.getLen());
      }
      for (Map.Entry<String, FileDigest> f : manifest.files().entrySet()) {
        Long size = sizes.get(f.getKey());
        if (size == null || size != f.getValue().bytes()) {
          throw new CorruptCheckpointException(manifest.round(), new Path(roundDir, f.getKey())
              + (size == null ? " is missing" : " has " + size + " bytes, its round's manifest "
              + "says " + f.getValue().bytes()) + " (truncated or changed since its commit)");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + roundDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens file {@code name} of committed round {@code round}, checked against {@code expected}
   * while it is read: reading past its recorded size, ending early, or a checksum that differs
   * when it is closed fails with a {@link CorruptCheckpointException} naming the file.
   */
  public InputStream open(int round, String name, FileDigest expected) throws IOException {
    Path file = new Path(roundDir(round), name);
    if (!fs.exists(file)) {
      throw new CorruptCheckpointException(round, file + " is missing");
    }
    return new Checked(fs.open(file), file, round, expected);
  }

  /**
   * Reads every file of {@code manifest}'s round and checks it against its entry (a full read:
   * what the driver does after a round failed, to tell a corrupt checkpoint from other causes).
   *
   * @throws CorruptCheckpointException naming the first file that differs
   */
  public void verifyContents(Manifest manifest) throws IOException {
    byte[] buffer = new byte[1 << 16];
    for (Map.Entry<String, FileDigest> f : manifest.files().entrySet()) {
      try (InputStream in = open(manifest.round(), f.getKey(), f.getValue())) {
        while (in.read(buffer) >= 0) {
          // the stream checks size and checksum
        }
      }
    }
  }

  /** A small committed file, read whole and checked against {@code manifest}. */
  public byte[] readAll(Manifest manifest, String name) throws IOException {
    try (InputStream in = open(manifest.round(), name, manifest.digest(name))) {
      return in.readAllBytes();
    }
  }

  /**
   * Withdraws the commit of {@code round} (a round found corrupt): readers no longer trust it, and
   * the next attempt at it overwrites it.
   */
  public void uncommit(int round) {
    try {
      fs.delete(new Path(roundDir(round), RunFiles.COMMITTED), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot withdraw the commit of " + roundDir(round) + ": "
          + e.getMessage(), e);
    }
  }

  /** Deletes every round from {@code round} on, committed or not (before recomputing them). */
  public void discardFrom(int round) {
    try {
      if (!fs.exists(dir)) {
        return;
      }
      for (FileStatus st : fs.listStatus(dir)) {
        Matcher m = ROUND_DIR.matcher(st.getPath().getName());
        if (m.matches() && Integer.parseInt(m.group(1)) >= round) {
          fs.delete(st.getPath(), true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The directory of one round, committed or not. */
  public Path roundDir(int round) {
    return new Path(dir, String.format("round-%06d", round));
  }

  private static void checkName(String name) {
    if (name.equals(RunFiles.COMMITTED) || name.equals(RunFiles.MANIFEST) || name.contains("/")) {
      throw new IllegalArgumentException("invalid checkpoint file name: " + name);
    }
  }

  private void prune() throws IOException {
    List<Integer> rounds = committedRounds();
    for (int i = 0; i < rounds.size() - keep; i++) {
      fs.delete(roundDir(rounds.get(i)), true);
    }
  }

  private void write(Path path, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }

  /** A file being written, with its size and CRC-32C. */
  public static final class Output extends FilterOutputStream {
    private final CRC32C crc = new CRC32C();
    private long bytes;
    private FileDigest digest;

    private Output(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      crc.update(b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      crc.update(b, off, len);
      bytes += len;
    }

    @Override
    public void close() throws IOException {
      if (digest == null) {
        super.close();
        digest = FileDigest.of(bytes, crc.getValue());
      }
    }

    /** The written file's digest (after {@link #close}). */
    public FileDigest digest() {
      if (digest == null) {
        throw new IllegalStateException("the file is still open");
      }
      return digest;
    }
  }

  /** A committed file checked against its manifest entry as it is read. */
  private static final class Checked extends FilterInputStream {
    private final CRC32C crc = new CRC32C();
    private final Path file;
    private final int round;
    private final FileDigest expected;
    private long bytes;
    private boolean closed;

    Checked(InputStream in, Path file, int round, FileDigest expected) {
      super(in);
      this.file = file;
      this.round = round;
      this.expected = expected;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        checkEnd();
      } else {
        crc.update(b);
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n < 0) {
        checkEnd();
      } else {
        crc.update(b, off, n);
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] discard = new byte[(int) Math.min(n, 1 << 16)]; // skipped bytes count too
      int read = read(discard, 0, (int) Math.min(n, discard.length));
      return Math.max(read, 0);
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      byte[] rest = new byte[1 << 16];
      while (read(rest, 0, rest.length) >= 0) {
        // the bytes the reader did not need still count
      }
      super.close();
      if (!String.format("%08x", crc.getValue()).equals(expected.crc32c())) {
        throw new CorruptCheckpointException(round, file + " does not match its round's "
            + "manifest (CRC-32C " + String.format("%08x", crc.getValue()) + ", recorded "
            + expected.crc32c() + "): altered since its commit");
      }
    }

    private void count(long n) {
      bytes += n;
      if (bytes > expected.bytes()) {
        throw new CorruptCheckpointException(round, file + " is longer than the "
            + expected.bytes() + " bytes its round's manifest records");
      }
    }

    private void checkEnd() {
      if (bytes != expected.bytes()) {
        throw new CorruptCheckpointException(round, file + " ends after " + bytes + " bytes, its "
            + "round's manifest records " + expected.bytes() + " (truncated?)");
      }
    }
  }
}
