package org.reorder.config;

/** A configuration error; the message always starts with the key path (or file) it is about. */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The key the error is about ({@code model.width}), or null when it is about a file. */
  private final String keyPath;

  public ConfigException(String message) {
    this(message, null, null);
  }

  public ConfigException(String message, Throwable cause) {
    this(message, null, cause);
  }

  private ConfigException(String message, String keyPath, Throwable cause) {
    super(message, cause);
    this.keyPath = keyPath;
  }

  /** An error about key {@code path}: {@code "<path>: <problem>"}. */
  public static ConfigException at(String path, String problem) {
    return new ConfigException(path + ": " + problem, path, null);
  }

  /** The key this error is about, or null. */
  public String keyPath() {
    return keyPath;
  }
}
