package org.reorder.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * What a round's manifest records of a file: its size and its CRC-32C, so a restore can tell a
 * truncated or altered file from the one that was committed, on any file system (object stores
 * keep no checksum files beside them).
 *
 * @param bytes the file's length
 * @param crc32c its CRC-32C, as 8 hex digits
 */
public record FileDigest(@JsonProperty("bytes") long bytes,
    @JsonProperty("crc32c") String crc32c) implements Serializable {

  /** The digest of {@code bytes}. */
  public static FileDigest of(byte[] bytes) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes);
    return of(bytes.length, crc.getValue());
  }

  static FileDigest of(long bytes, long crc) {
    return new FileDigest(bytes, String.format("%08x", crc));
  }
}
