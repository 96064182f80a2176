package org.reorder.config;

import java.util.List;

/** Value checks used by the section records' validating constructors; errors name the key. */
final class Checks {
  private Checks() {}

  static double positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw ConfigException.at(key, "must be > 0, got " + format(value));
    }
    return value;
  }

  static int positive(String key, int value) {
    if (value <= 0) {
      throw ConfigException.at(key, "must be > 0, got " + value);
    }
    return value;
  }

  static double nonNegative(String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw ConfigException.at(key, "must be >= 0, got " + format(value));
    }
    return value;
  }

  static int nonNegative(String key, int value) {
    if (value < 0) {
      throw ConfigException.at(key, "must be >= 0, got " + value);
    }
    return value;
  }

  /** {@code lo <= value < hi}. */
  static double inHalfOpen(String key, double value, double lo, double hi) {
    if (!(value >= lo && value < hi)) {
      throw ConfigException.at(
          key, "must be in [" + format(lo) + ", " + format(hi) + "), got " + format(value));
    }
    return value;
  }

  static String oneOf(String key, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      throw ConfigException.at(key, "must be one of " + allowed + ", got '" + value + "'");
    }
    return value;
  }

  static <T> T present(String key, T value) {
    if (value == null) {
      throw ConfigException.at(key, "is required");
    }
    return value;
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
