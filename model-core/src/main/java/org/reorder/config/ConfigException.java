package org.reorder.config;

/** A configuration error; the message always starts with the key path (or file) it is about. */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error about key {@code path}: {@code "<path>: <problem>"}. */
  public static ConfigException at(String path, String problem) {
    return new ConfigException(path + ": " + problem);
  }
}
