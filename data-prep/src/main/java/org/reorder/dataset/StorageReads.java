package org.reorder.dataset;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.image.DecodeException;
import org.reorder.image.DecodeException.Reason;

/**
 * Whole-file reads on executors under a {@link ReadPolicy}. Two kinds of failure, told apart here
 * and nowhere else: a property of the file (gone since listing, no permission, over the size
 * limit) is a {@link DecodeException} that quarantines the file; anything else the storage throws
 * (connection refused, timeouts, 5xx, throttling, a reset stream) is retried with a doubling wait
 * and then ends the job as a {@link TransientStorageException}, because it says nothing about the
 * file and a later run would read it fine.
 */
final class StorageReads {
  private StorageReads() {}

  /**
   * The bytes of {@code path}, at most {@code policy.maxFileBytes()} of them.
   *
   * @throws DecodeException {@code unreadable} (missing, no permission) or {@code too-large}
   * @throws TransientStorageException when every retry of a transient error failed
   */
  static byte[] read(String path, Configuration conf, ReadPolicy policy) throws DecodeException {
    for (int retry = 0; ; retry++) {
      try {
        return readOnce(path, conf, policy.maxFileBytes());
      } catch (FileNotFoundException | NoSuchFileException | AccessDeniedException e) {
        throw new DecodeException(Reason.UNREADABLE, "cannot read " + path + ": " + cause(e), e);
      } catch (IllegalArgumentException e) { // a name some file system layer cannot take
        throw new DecodeException(Reason.UNREADABLE, "cannot read " + path + ": " + cause(e), e);
      } catch (IOException e) {
        if (retry == policy.ioRetries()) {
          throw new TransientStorageException(
              "cannot read " + path + " after " + (retry + 1) + " attempts: " + cause(e), e);
        }
        pause(policy.backoffMs(retry + 1), path, e);
      }
    }
  }

  private static byte[] readOnce(String path, Configuration conf, long max)
      throws IOException, DecodeException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    if (fs instanceof ChecksumFileSystem local) {
      // Source files have no Hadoop .crc beside them, and looking for one builds a Path from
      // ".<name>.crc", which Hadoop cannot do for names with a colon ("a:b.JPEG").
      fs = local.getRawFileSystem();
    }
    try (InputStream in = fs.open(p)) {
      // One byte more than allowed tells a file at the limit from one above it, without ever
      // holding more than the limit (the listed size may be stale or unknown).
      byte[] bytes = in.readNBytes((int) max + 1);
      if (bytes.length > max) {
        throw tooLarge(path, max);
      }
      return bytes;
    }
  }

  static DecodeException tooLarge(String path, long max) {
    return new DecodeException(
        Reason.TOO_LARGE, path + " is larger than --max-file-bytes " + max + "; not read");
  }

  private static void pause(long millis, String path, IOException failure) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the task is being killed: stop retrying
      throw new TransientStorageException(
          "cannot read " + path + " (interrupted while waiting to retry): " + cause(failure),
          failure);
    }
  }

  /**
   * The innermost cause's message: S3A and the AWS SDK wrap the reason ("Connection refused",
   * "Read timed out", "Status Code: 503") in several layers of the same long text.
   */
  static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank()
        ? root.getClass().getSimpleName()
        : message.strip().replaceAll("\\s+", " ");
  }
}
