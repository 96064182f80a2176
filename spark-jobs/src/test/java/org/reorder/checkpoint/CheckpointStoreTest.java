package org.reorder.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.train.RunFiles;

/** Streamed round files, commits with a manifest, and what a restore finds wrong with them. */
class CheckpointStoreTest {
  @TempDir Path tmp;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private CheckpointStore store(int keep) {
    return new CheckpointStore(tmp.toString(), new Configuration(), keep);
  }

  /** Writes {@code content} as file {@code name} of {@code round}, as a task does. */
  private static FileDigest put(CheckpointStore store, int round, String name, byte[] content)
      throws IOException {
    try (CheckpointStore.Output out = store.create(round, name)) {
      out.write(content);
      out.close();
      return out.digest();
    }
  }

  private static byte[] read(CheckpointStore store, Manifest m, String name) throws IOException {
    try (InputStream in = store.open(m.round(), name, m.digest(name))) {
      return in.readAllBytes();
    }
  }

  @Test
  void commitsReadsBackAndKeepsTheNewestRounds() throws IOException {
    CheckpointStore store = store(2);
    assertEquals(List.of(), store.committedRounds());
    Manifest last = null;
    for (int round = 1; round <= 4; round++) {
      FileDigest params = put(store, round, "model-s000.params", bytes("weights " + round));
      last = store.commit(round, Map.of("model-s000.params", params),
          Map.of(RunFiles.POLICY, bytes("{\"round\":" + round + "}")));
    }
    assertEquals(List.of(3, 4), store.committedRounds());
    assertArrayEquals(bytes("weights 4"), read(store, last, "model-s000.params"));
    assertArrayEquals(bytes("{\"round\":4}"), store.readAll(last, RunFiles.POLICY));
    assertEquals(FileDigest.of(bytes("weights 4")), last.digest("model-s000.params"));
    assertEquals(last, store.manifest(4));
    store.verifySizes(last);
    assertTrue(Files.notExists(tmp.resolve("round-000001")));
    assertTrue(Files.notExists(tmp.resolve("round-000004").resolve(".model-s000.params.crc")),
        "no Hadoop checksum files beside the round's files");
  }

  @Test
  void anUncommittedRoundIsIgnoredAndItsRetryStartsClean() throws IOException {
    CheckpointStore store = store(3);
    store.commit(1, Map.of(), Map.of(RunFiles.STATE, bytes("one")));
    put(store, 2, "model-s000.params", bytes("half"));
    assertEquals(List.of(1), store.committedRounds());
    store.discardFrom(2);
    assertTrue(Files.notExists(tmp.resolve("round-000002")));
    assertEquals(List.of(1), store.committedRounds());
  }

  @Test
  void aTruncatedFileIsFoundFromTheListingAndWhileReading() throws IOException {
    CheckpointStore store = store(2);
    byte[] weights = new byte[100_000];
    new java.util.Random(1).nextBytes(weights);
    Manifest m = store.commit(1, Map.of("model-s000.params",
        put(store, 1, "model-s000.params", weights)), Map.of());
    Path file = tmp.resolve("round-000001").resolve("model-s000.params");
    Files.write(file, Arrays.copyOf(weights, 60_000));
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
        () -> store.verifySizes(m));
    assertTrue(e.getMessage().contains("model-s000.params") && e.getMessage().contains("60000"),
        e.getMessage());
    assertEquals(1, e.round());
    e = assertThrows(CorruptCheckpointException.class, () -> read(store, m, "model-s000.params"));
    assertTrue(e.getMessage().contains("model-s000.params") && e.getMessage().contains("ends"),
        e.getMessage());
  }

  @Test
  void anAlteredFileOfTheRightSizeFailsItsChecksumNamingIt() throws IOException {
    CheckpointStore store = store(2);
    Manifest m = store.commit(1, Map.of("optimizer-r000.bin",
        put(store, 1, "optimizer-r000.bin", bytes("moments and counts"))), Map.of());
    Files.write(tmp.resolve("round-000001").resolve("optimizer-r000.bin"),
        bytes("moments and COUNTS"));
    store.verifySizes(m); // the size still matches
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
        () -> read(store, m, "optimizer-r000.bin"));
    assertTrue(e.getMessage().contains("optimizer-r000.bin")
        && e.getMessage().contains("CRC-32C"), e.getMessage());
  }

  @Test
  void aMissingManifestOrFileAndBadNamesAreClearErrors() throws IOException {
    CheckpointStore store = store(1);
    assertThrows(IllegalArgumentException.class, () -> store.create(1, "a/b"));
    assertThrows(IllegalArgumentException.class, () -> store.create(1, RunFiles.COMMITTED));
    Manifest m = store.commit(1, Map.of(), Map.of(RunFiles.STATE, bytes("{}")));
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
        () -> m.digest("optimizer-r000.bin"));
    assertTrue(e.getMessage().contains("optimizer-r000.bin"), e.getMessage());
    Files.delete(tmp.resolve("round-000001").resolve(RunFiles.MANIFEST));
    e = assertThrows(CorruptCheckpointException.class, () -> store.manifest(1));
    assertTrue(e.getMessage().contains(RunFiles.MANIFEST), e.getMessage());
    store.uncommit(1);
    assertEquals(List.of(), store.committedRounds());
    assertThrows(IllegalArgumentException.class,
        () -> new CheckpointStore(tmp.toString(), new Configuration(), 0));
  }
}
