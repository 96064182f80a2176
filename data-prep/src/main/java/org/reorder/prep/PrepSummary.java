package org.reorder.prep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** What a prep run did, per split; printed as a table and written as {@code summary.json}. */
public record PrepSummary(
    String dataset, String input, String output, Map<String, SplitSummary> splits, double seconds) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public PrepSummary {
    splits = new TreeMap<>(splits);
  }

  public long read() {
    return splits.values().stream().mapToLong(SplitSummary::read).sum();
  }

  public long written() {
    return splits.values().stream().mapToLong(SplitSummary::written).sum();
  }

  public long quarantined() {
    return splits.values().stream().mapToLong(SplitSummary::quarantined).sum();
  }

  /** Quarantined inputs per reason over all splits. */
  public Map<String, Long> byReason() {
    Map<String, Long> all = new TreeMap<>();
    splits.values().forEach(s -> s.byReason().forEach((k, v) -> all.merge(k, v, Long::sum)));
    return all;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A plain-text table: one line per split, then the quarantine reasons. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-12s %10s %10s %12s%n", "split", "read", "written", "quarantined"));
    splits.forEach(
        (name, s) ->
            sb.append(
                String.format(
                    "%-12s %10d %10d %12d%n", name, s.read(), s.written(), s.quarantined())));
    sb.append(String.format("%-12s %10d %10d %12d%n", "total", read(), written(), quarantined()));
    byReason().forEach((r, n) -> sb.append(String.format("  quarantined %-20s %8d%n", r, n)));
    sb.append(String.format("(%.1f s)%n", seconds));
    return sb.toString();
  }
}
