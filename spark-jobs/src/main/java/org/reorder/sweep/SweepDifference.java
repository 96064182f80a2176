package org.reorder.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.TreeSet;

/** The first key at which two sweeps (as YAML trees) differ, for the same-sweep check. */
final class SweepDifference {
  private SweepDifference() {}

  /** {@code "key: a in the run directory, b here"} for the first difference, or null. */
  static String first(String path, JsonNode stored, JsonNode current) {
    if (stored == null || current == null || stored.isObject() != current.isObject()
        || !stored.isObject()) {
      boolean same = stored == null ? current == null : stored.equals(current);
      return same ? null : (path.isEmpty() ? "the whole file" : path) + ": "
          + stored + " in the run directory, " + current + " here";
    }
    TreeSet<String> keys = new TreeSet<>();
    stored.fieldNames().forEachRemaining(keys::add);
    current.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      String d = first(path.isEmpty() ? key : path + "." + key, stored.get(key),
          current.get(key));
      if (d != null) {
        return d;
      }
    }
    return null;
  }
}
