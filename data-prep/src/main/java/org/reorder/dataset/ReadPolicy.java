package org.reorder.dataset;

import java.io.Serializable;

/**
 * How executors read source files: the size above which a file is quarantined unread, and how
 * often a transient storage error (connection refused, timeout, 5xx, throttling) is retried
 * before the job fails. Transient errors are never quarantined: they say nothing about the file.
 *
 * @param maxFileBytes files larger than this are quarantined as {@code too-large} without being
 *     read into memory (a stray multi-GB file would otherwise exhaust an executor's heap)
 * @param ioRetries retries of one read after a transient error (0 = fail at the first)
 * @param ioBackoffMs wait before the first retry; it doubles with each further retry
 */
public record ReadPolicy(long maxFileBytes, int ioRetries, long ioBackoffMs)
    implements Serializable {
  public static final long DEFAULT_MAX_FILE_BYTES = 128L << 20;
  public static final int DEFAULT_IO_RETRIES = 3;
  public static final long DEFAULT_IO_BACKOFF_MS = 1000;

  /** The largest byte array a JVM allocates. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** Longest single wait, whatever {@code ioRetries}: retries stay bounded in time. */
  static final long MAX_BACKOFF_MS = 60_000;

  public static final ReadPolicy DEFAULT =
      new ReadPolicy(DEFAULT_MAX_FILE_BYTES, DEFAULT_IO_RETRIES, DEFAULT_IO_BACKOFF_MS);

  public ReadPolicy {
    if (maxFileBytes < 1 || maxFileBytes > MAX_ARRAY) {
      throw new IllegalArgumentException(
          "--max-file-bytes must be in [1, " + MAX_ARRAY + "], got " + maxFileBytes);
    }
    if (ioRetries < 0 || ioRetries > 20) {
      throw new IllegalArgumentException("--io-retries must be in [0, 20], got " + ioRetries);
    }
    if (ioBackoffMs < 0 || ioBackoffMs > MAX_BACKOFF_MS) {
      throw new IllegalArgumentException(
          "--io-backoff-ms must be in [0, " + MAX_BACKOFF_MS + "], got " + ioBackoffMs);
    }
  }

  /** The wait before retry {@code retry} (1-based): the backoff doubled per retry, capped. */
  long backoffMs(int retry) {
    return Math.min(MAX_BACKOFF_MS, ioBackoffMs << Math.min(retry - 1, 20));
  }
}
