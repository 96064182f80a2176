package org.reorder.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a committed round with their sizes and checksums ({@code manifest.json}), written
 * just before the commit marker: a restore trusts a file only if it matches its entry here.
 *
 * @param round the round
 * @param files file name (inside the round's directory) to its digest
 */
public record Manifest(@JsonProperty("round") int round,
    @JsonProperty("files") Map<String, FileDigest> files) implements Serializable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Manifest {
    files = new TreeMap<>(files);
  }

  /** The digest of {@code name}. */
  public FileDigest digest(String name) {
    FileDigest d = files.get(name);
    if (d == null) {
      throw new CorruptCheckpointException(round, "round " + round + "'s manifest lists no file "
          + name);
    }
    return d;
  }

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Manifest fromJson(byte[] json, String source) {
    try {
      return JSON.readValue(json, Manifest.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + " is not a readable manifest: " + e.getMessage(),
          e);
    }
  }
}
