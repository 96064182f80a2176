package org.reorder.dataset;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.reorder.image.DecodeException;
import org.reorder.image.DecodeException.Reason;
import org.reorder.prep.TextFiles;

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

  /** One storage operation, repeated as a whole when it fails transiently. */
  interface StorageCall<T> {
    T call() throws IOException;
  }

  /**
   * The result of {@code call}, retried under {@code policy} while it fails transiently.
   *
   * @param failure what failed, naming the path ("cannot read s3a://b/k"), for the final error
   * @throws IOException only a property of the file: not found, permission denied
   * @throws TransientStorageException when every retry of a transient error failed
   */
  static <T> T retrying(String failure, ReadPolicy policy, StorageCall<T> call)
      throws IOException {
    for (int retry = 0; ; retry++) {
      try {
        return call.call();
      } catch (FileNotFoundException | NoSuchFileException | AccessDeniedException e) {
        throw e;
      } catch (IOException e) {
        if (retry == policy.ioRetries()) {
          throw new TransientStorageException(
              failure + " after " + (retry + 1) + " attempts: " + cause(e), e);
        }
        pause(policy.backoffMs(retry + 1), failure, e);
      }
    }
  }

  /**
   * The bytes of {@code path}, at most {@code policy.maxFileBytes()} of them.
   *
   * @throws DecodeException {@code unreadable} (missing, no permission) or {@code too-large}
   * @throws TransientStorageException when every retry of a transient error failed
   */
  static byte[] read(String path, Configuration conf, ReadPolicy policy) throws DecodeException {
    byte[] bytes;
    try {
      bytes = retrying("cannot read " + path, policy, () -> readAtMost(path, conf, policy));
    } catch (IOException | IllegalArgumentException e) {
      // Not found or no permission (retrying lets only these through), or a name some file
      // system layer cannot take: properties of this file.
      throw new DecodeException(Reason.UNREADABLE, "cannot read " + path + ": " + cause(e), e);
    }
    if (bytes.length > policy.maxFileBytes()) {
      throw tooLarge(path, policy.maxFileBytes());
    }
    return bytes;
  }

  /**
   * The file's first {@code maxFileBytes + 1} bytes: one byte more than allowed tells a file at
   * the limit from one above it without ever holding more (the listed size may be stale or
   * unknown).
   */
  private static byte[] readAtMost(String path, Configuration conf, ReadPolicy policy)
      throws IOException {
    Path p = new Path(path);
    // Source files have no Hadoop .crc beside them, and looking for one builds a Path from
    // ".<name>.crc", which Hadoop cannot do for names with a colon ("a:b.JPEG").
    try (InputStream in = TextFiles.plainFileSystem(p, conf).open(p)) {
      return in.readNBytes((int) policy.maxFileBytes() + 1);
    }
  }

  static DecodeException tooLarge(String path, long max) {
    return new DecodeException(
        Reason.TOO_LARGE, path + " is larger than --max-file-bytes " + max + "; not read");
  }

  private static void pause(long millis, String failure, IOException cause) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the task is being killed: stop retrying
      throw new TransientStorageException(
          failure + " (interrupted while waiting to retry): " + cause(cause), cause);
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
