package org.reorder.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One YAML mapping being read into a config record. Typed getters take the key and its default;
 * every key read is remembered, so {@link #finish()} can reject the keys nobody asked for (with a
 * "did you mean" hint), and every value read, given or defaulted, is copied into {@link
 * #resolved()} — the fully resolved configuration written next to a run's results.
 */
public final class ConfigNode {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String path;
  private final ObjectNode node;
  private final ObjectNode resolved = JSON.objectNode();
  private final Set<String> known = new LinkedHashSet<>();
  private final List<ConfigNode> children = new ArrayList<>();

  /** Wraps {@code node} (may be null: an absent section) found at key path {@code path}. */
  public ConfigNode(String path, JsonNode node) {
    this.path = path;
    if (node == null || node.isNull() || node.isMissingNode()) {
      this.node = JSON.objectNode();
    } else if (node.isObject()) {
      this.node = (ObjectNode) node;
    } else {
      throw ConfigException.at(displayPath(), "must be a mapping of keys, got " + kind(node));
    }
  }

  /** This node's key path, e.g. {@code model.mamba}. */
  public String path() {
    return path;
  }

  /** The key path of {@code key} in this node, e.g. {@code training.lr}. */
  public String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The nested mapping under {@code key} (empty when absent). */
  public ConfigNode section(String key) {
    known.add(key);
    ConfigNode child = new ConfigNode(key(key), node.get(key));
    children.add(child);
    resolved.set(key, child.resolved);
    return child;
  }

  /** Whether {@code key} is present with a non-null value. */
  public boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  public String string(String key, String defaultValue) {
    known.add(key);
    JsonNode v = node.get(key);
    String out;
    if (v == null || v.isNull()) {
      out = defaultValue;
    } else if (v.isValueNode()) {
      out = v.asText();
    } else {
      throw ConfigException.at(key(key), "must be a single value, got " + kind(v));
    }
    resolved.put(key, out);
    return out;
  }

  public double number(String key, double defaultValue) {
    known.add(key);
    JsonNode v = node.get(key);
    double out;
    if (v == null || v.isNull()) {
      out = defaultValue;
    } else if (v.isNumber()) {
      out = v.asDouble();
    } else if (v.isTextual() && isNumber(v.asText())) {
      // YAML 1.1 reads "1e-4" (no dot) as a string; accept it as the number it plainly is.
      out = Double.parseDouble(v.asText().trim());
    } else {
      throw ConfigException.at(key(key), "must be a number, got " + describe(v));
    }
    resolved.put(key, out);
    return out;
  }

  public int integer(String key, int defaultValue) {
    known.add(key);
    JsonNode v = node.get(key);
    int out;
    if (v == null || v.isNull()) {
      out = defaultValue;
    } else if (v.isIntegralNumber() && v.canConvertToInt()) {
      out = v.asInt();
    } else if (v.isTextual() && v.asText().trim().matches("[+-]?\\d+")) {
      out = Integer.parseInt(v.asText().trim());
    } else {
      throw ConfigException.at(key(key), "must be an integer, got " + describe(v));
    }
    resolved.put(key, out);
    return out;
  }

  public boolean bool(String key, boolean defaultValue) {
    known.add(key);
    JsonNode v = node.get(key);
    boolean out;
    if (v == null || v.isNull()) {
      out = defaultValue;
    } else if (v.isBoolean()) {
      out = v.asBoolean();
    } else if (v.isTextual() && List.of("true", "false").contains(v.asText().trim())) {
      out = Boolean.parseBoolean(v.asText().trim());
    } else {
      throw ConfigException.at(key(key), "must be true or false, got " + describe(v));
    }
    resolved.put(key, out);
    return out;
  }

  /** A list of numbers; {@code defaultValue} when absent. */
  public double[] numbers(String key, double[] defaultValue) {
    known.add(key);
    JsonNode v = node.get(key);
    double[] out;
    if (v == null || v.isNull()) {
      out = defaultValue.clone();
    } else if (v.isArray()) {
      out = new double[v.size()];
      for (int i = 0; i < out.length; i++) {
        JsonNode e = v.get(i);
        if (!e.isNumber()) {
          throw ConfigException.at(key(key) + "[" + i + "]", "must be a number, got " + describe(e));
        }
        out[i] = e.asDouble();
      }
    } else {
      throw ConfigException.at(key(key), "must be a list of numbers, got " + describe(v));
    }
    var array = resolved.putArray(key);
    for (double d : out) {
      array.add(d);
    }
    return out;
  }

  /** A list of strings (scalars); {@code defaultValue} when absent. */
  public List<String> strings(String key, List<String> defaultValue) {
    known.add(key);
    JsonNode v = node.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      out.addAll(defaultValue);
    } else if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        JsonNode e = v.get(i);
        if (!e.isValueNode() || e.isNull()) {
          throw ConfigException.at(key(key) + "[" + i + "]", "must be a single value, got "
              + describe(e));
        }
        out.add(e.asText());
      }
    } else {
      throw ConfigException.at(key(key), "must be a list, got " + describe(v));
    }
    var array = resolved.putArray(key);
    out.forEach(array::add);
    return List.copyOf(out);
  }

  /**
   * Rejects keys that no getter asked for, in this node and in every section read from it.
   *
   * @throws ConfigException {@code unknown key model.widht (did you mean width?)}
   */
  public void finish() {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw unknownKey(name, closest(name, known));
      }
    }
    for (ConfigNode child : children) {
      child.finish();
    }
  }

  /**
   * Reads a configuration with {@code read} (the getters, then the records' rules) so that an
   * unknown key is reported before the rule it makes fail: a typo of a required key ({@code
   * model.widht}) would otherwise read as "model.width is required", and a typo of an optional
   * one ({@code training.warmup_epoch}) as the failure of a rule about its default.
   */
  public <T> T read(java.util.function.Supplier<T> read) {
    try {
      T value = read.get();
      finish();
      return value;
    } catch (ConfigException rule) {
      ConfigException unknown = rule.keyPath() == null ? null : unknownKeyBehind(rule.keyPath());
      throw unknown != null ? unknown : rule;
    }
  }

  /**
   * The unknown key that most likely caused a rule about {@code failing} to fail, or null. Nodes
   * read to the end know all their keys, so any unknown one there counts; in the node holding
   * {@code failing} (and those above it) later keys may not have been asked yet, so there only a
   * key that looks like a typo of {@code failing}, which was not given, counts.
   */
  private ConfigException unknownKeyBehind(String failing) {
    String prefix = path.isEmpty() ? "" : path + ".";
    if (!failing.startsWith(prefix)) { // read completely before the failure
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!known.contains(name)) {
          return unknownKey(name, closest(name, known));
        }
      }
    } else {
      String rest = failing.substring(prefix.length());
      if (!rest.contains(".") && !node.has(rest)) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
          String name = names.next();
          if (!known.contains(name) && closest(name, Set.of(rest)) != null) {
            return unknownKey(name, rest);
          }
        }
      }
    }
    for (ConfigNode child : children) {
      ConfigException e = child.unknownKeyBehind(failing);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private ConfigException unknownKey(String name, String hint) {
    return new ConfigException(
        "unknown key " + key(name)
            + (hint == null ? " (known keys: " + String.join(", ", known) + ")"
                : " (did you mean " + hint + "?)"));
  }

  /** Every key read so far with its effective value (given or default). */
  public ObjectNode resolved() {
    return resolved;
  }

  private String displayPath() {
    return path.isEmpty() ? "<root>" : path;
  }

  private static boolean isNumber(String s) {
    return s.trim().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  }

  private static String describe(JsonNode v) {
    return v.isValueNode() ? "'" + v.asText() + "'" : kind(v);
  }

  private static String kind(JsonNode v) {
    return v.isArray() ? "a list" : v.isObject() ? "a mapping" : "'" + v.asText() + "'";
  }

  /** The known key closest to {@code name} by edit distance, if close enough to be a typo. */
  static String closest(String name, Set<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = editDistance(name, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
  }

  /** Damerau-Levenshtein distance (adjacent transpositions count 1), so "widht" is 1 from "width". */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
