package org.reorder.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics as JSON lines, one object per line, appended (a resumed run continues the same file).
 * Each line has a {@code kind}: {@code train} (averages over the last logging window) or {@code
 * eval} (a validation pass). Keys: step, epoch, phase, loss, lr, grad_norm, train_acc, reward,
 * reward_std, baseline, temperature, policy_loss, val_loss, val_top1, val_top1_se, val_top5,
 * val_top5_se, images_per_s, elapsed_s. Absent or non-finite values are left out.
 */
public final class MetricsLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  public MetricsLog(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open metrics file " + file, e);
    }
  }

  /** A new line of {@code kind}; fill it with {@link Line#put} and {@link #write} it. */
  public static Line line(String kind) {
    return new Line().put("kind", kind);
  }

  /** Appends {@code line} and flushes, so a killed run loses nothing already logged. */
  public void write(Line line) {
    try {
      out.write(line.toJson());
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write metrics", e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close metrics file", e);
    }
  }

  /** An ordered set of metric values. */
  public static final class Line {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds {@code key}; null and non-finite numbers are skipped. */
    public Line put(String key, Object value) {
      boolean finite = !(value instanceof Double d) || Double.isFinite(d);
      if (value != null && finite) {
        values.put(key, value);
      }
      return this;
    }

    public Object get(String key) {
      return values.get(key);
    }

    /** The line as one JSON object. */
    public String toJson() {
      try {
        return JSON.writeValueAsString(values);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
