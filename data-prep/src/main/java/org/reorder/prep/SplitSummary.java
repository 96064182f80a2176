package org.reorder.prep;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one split: images read, written as patch rows, quarantined (and per reason). A run
 * loses nothing when {@code read == written + quarantined}.
 */
public record SplitSummary(long read, long written, long quarantined, Map<String, Long> byReason) {

  public SplitSummary {
    byReason = new TreeMap<>(byReason);
  }

  public boolean balanced() {
    return read == written + quarantined;
  }
}
