package org.reorder.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The retry waits double and stay bounded; bad settings name their option. */
class ReadPolicyTest {
  @Test
  void theWaitDoublesPerRetryUpToAMinute() {
    ReadPolicy p = new ReadPolicy(100, 20, 1000);
    assertEquals(1000, p.backoffMs(1));
    assertEquals(2000, p.backoffMs(2));
    assertEquals(4000, p.backoffMs(3));
    assertEquals(32_000, p.backoffMs(6));
    assertEquals(60_000, p.backoffMs(7));
    assertEquals(60_000, p.backoffMs(20));
    assertEquals(0, new ReadPolicy(100, 3, 0).backoffMs(3));
  }

  @Test
  void badSettingsNameTheirOption() {
    assertEquals("--io-retries must be in [0, 20], got -1",
        assertThrows(IllegalArgumentException.class, () -> new ReadPolicy(100, -1, 10))
            .getMessage());
    assertEquals("--io-backoff-ms must be in [0, 60000], got 60001",
        assertThrows(IllegalArgumentException.class, () -> new ReadPolicy(100, 1, 60_001))
            .getMessage());
    assertEquals("--max-file-bytes must be in [1, 2147483639], got 0",
        assertThrows(IllegalArgumentException.class, () -> new ReadPolicy(0, 1, 10))
            .getMessage());
  }
}
