package org.reorder.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir Path tmp;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void emptyStoreHasNoRound() {
    assertEquals(OptionalInt.empty(),
        new CheckpointStore(tmp.resolve("ckpt").toString(), new Configuration(), 2).latestRound());
  }

  @Test
  void commitsReadsAndKeepsTheNewestRounds() {
    CheckpointStore store = new CheckpointStore(tmp.toString(), new Configuration(), 2);
    for (int round = 1; round <= 4; round++) {
      store.commit(round, Map.of("policy.json", bytes("{\"round\":" + round + "}")));
    }
    assertEquals(List.of(3, 4), store.committedRounds());
    assertEquals(OptionalInt.of(4), store.latestRound());
    assertArrayEquals(bytes("{\"round\":4}"), store.read(4, "policy.json"));
    assertTrue(Files.notExists(tmp.resolve("round-000001")));
  }

  @Test
  void ignoresAnUncommittedRoundLeftByACrash() throws Exception {
    CheckpointStore store = new CheckpointStore(tmp.toString(), new Configuration(), 3);
    store.commit(1, Map.of("state.json", bytes("one")));
    Path partial = Files.createDirectories(tmp.resolve("round-000002"));
    Files.write(partial.resolve("state.json"), bytes("half"));
    assertEquals(OptionalInt.of(1), store.latestRound());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> store.read(2, "state.json"));
    assertTrue(e.getMessage().contains("not committed"), e.getMessage());
    // The retry of round 2 replaces the partial files.
    store.commit(2, Map.of("state.json", bytes("two")));
    assertArrayEquals(bytes("two"), store.read(2, "state.json"));
  }

  @Test
  void rejectsBadNamesAndMissingFiles() {
    CheckpointStore store = new CheckpointStore(tmp.toString(), new Configuration(), 1);
    assertThrows(IllegalArgumentException.class, () -> store.commit(1, Map.of("a/b", new byte[0])));
    store.commit(1, Map.of("model.params", new byte[] {1}));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> store.read(1, "optimizer"));
    assertTrue(e.getMessage().contains("no file optimizer"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new CheckpointStore(tmp.toString(), new Configuration(), 0));
  }
}
