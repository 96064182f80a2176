package org.reorder.prior;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a prior run, written as {@code prior.json}: the chosen prior order (by the rule on
 * the chosen measure), the choice under every measure, the per-order statistics and every setting
 * needed to reproduce it (codebook, LZMA, seed).
 */
public record PriorResult(
    String input,
    String split,
    long images,
    Map<String, Integer> grid,
    List<String> orders,
    List<String> measures,
    Map<String, Object> codebook,
    Map<String, Object> lzma,
    String rule,
    String measure,
    String prior,
    Map<String, String> priorByMeasure,
    List<OrderStats> stats,
    long seed,
    double seconds) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The statistics of one (measure, order), or null. */
  public OrderStats stats(String measureName, String order) {
    return stats.stream()
        .filter(s -> s.measure().equals(measureName) && s.order().equals(order))
        .findFirst()
        .orElse(null);
  }

  /** A plain-text table: per measure, the orders by rank with mean, std and 95 % interval. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-15s %-14s %4s %9s %7s %19s%n",
            "measure",
            "order",
            "rank",
            "mean %",
            "std",
            "95% CI"));
    stats.stream()
        .sorted((a, b) -> a.measure().equals(b.measure()) ? Integer.compare(a.rank(), b.rank()) : 0)
        .forEach(
            s ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        "%-15s %-14s %4d %9.3f %7.3f  [%7.3f, %7.3f]%n",
                        s.measure(),
                        s.order(),
                        s.rank(),
                        s.mean(),
                        s.std(),
                        s.ciLow(),
                        s.ciHigh())));
    sb.append(
        String.format(
            Locale.ROOT,
            "prior (%s compressible by %s): %s   [%d images, %.1f s]%n",
            rule,
            measure,
            prior,
            images,
            seconds));
    return sb.toString();
  }
}
