package org.reorder.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the report's view of a prior job's {@code prior.json} (data-prep's PriorResult). */
final class PriorSummary {
  private PriorSummary() {}

  /** Mean reduction and 95% interval per (order, measure). */
  static List<OrderScore> scores(JsonNode prior, String source) {
    JsonNode stats = prior.get("stats");
    if (stats == null || !stats.isArray()) {
      throw new IllegalArgumentException(source + ": no \"stats\" array (is it a prior.json "
          + "written by `reorder prior`?)");
    }
    List<OrderScore> scores = new ArrayList<>();
    for (JsonNode s : stats) {
      scores.add(new OrderScore(s.path("order").asText(), s.path("measure").asText(),
          s.path("mean").asDouble(), s.path("ciLow").asDouble(), s.path("ciHigh").asDouble()));
    }
    return scores;
  }

  /** The chosen prior and the settings it was measured with. */
  static Map<String, String> facts(JsonNode prior) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("chosen prior", prior.path("prior").asText() + " (" + prior.path("rule").asText()
        + " compressible by " + prior.path("measure").asText() + ")");
    facts.put("prior images", prior.path("images").asText());
    facts.put("LZMA settings", prior.path("lzma").toString());
    return facts;
  }
}
