package org.reorder.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON form of a {@link ReinforceOptimizer}: the policy logits, AdamW's moments and step
 * count, the reward baseline and the config. Doubles are written by Jackson as {@link
 * Double#toString(double)} and read back with {@link Double#parseDouble}, which round-trips every
 * finite double bit for bit, so a reloaded optimizer continues exactly where the saved one stopped.
 *
 * @param formatVersion {@link #FORMAT_VERSION}; older files are refused with a clear error
 * @param config the hyper-parameters
 * @param logits z, indexed by patch
 * @param firstMoment AdamW's m, indexed by patch
 * @param secondMoment AdamW's v, indexed by patch
 * @param step AdamW steps taken
 * @param baseline the reward baseline b
 * @param baselineSet whether b holds rewards yet ({@link BaselineStart#FIRST})
 */
public record PolicyCheckpoint(
    int formatVersion,
    ReinforceConfig config,
    double[] logits,
    double[] firstMoment,
    double[] secondMoment,
    long step,
    double baseline,
    boolean baselineSet) {

  /** The version this code writes and reads (2: the score, baseline start and travel). */
  public static final int FORMAT_VERSION = 2;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** Validates the fields, naming the first bad one. */
  public PolicyCheckpoint {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "formatVersion is " + formatVersion + ", this code reads " + FORMAT_VERSION);
    }
    if (config == null) {
      throw new IllegalArgumentException("config is missing");
    }
    requireFinite("logits", logits);
    requireFinite("firstMoment", firstMoment);
    requireFinite("secondMoment", secondMoment);
    if (logits.length == 0) {
      throw new IllegalArgumentException("logits is empty");
    }
    if (firstMoment.length != logits.length || secondMoment.length != logits.length) {
      throw new IllegalArgumentException(
          "firstMoment and secondMoment must have the logits' length " + logits.length
              + ", got " + firstMoment.length + " and " + secondMoment.length);
    }
    for (int j = 0; j < secondMoment.length; j++) {
      if (secondMoment[j] < 0) {
        throw new IllegalArgumentException("secondMoment[" + j + "] is negative");
      }
    }
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    if (!Double.isFinite(baseline)) {
      throw new IllegalArgumentException("baseline is " + baseline);
    }
  }

  /** The current state of {@code optimizer}. */
  public static PolicyCheckpoint of(ReinforceOptimizer optimizer) {
    return new PolicyCheckpoint(
        FORMAT_VERSION,
        optimizer.config(),
        optimizer.policy().logits(),
        optimizer.firstMoment(),
        optimizer.secondMoment(),
        optimizer.stepCount(),
        optimizer.baseline(),
        optimizer.baselineSet());
  }

  /** An optimizer in exactly this state. */
  public ReinforceOptimizer toOptimizer() {
    return new ReinforceOptimizer(config, logits, firstMoment, secondMoment, step, baseline,
        baselineSet);
  }

  /** The JSON text. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write policy checkpoint as JSON", e);
    }
  }

  /**
   * Parses JSON written by {@link #toJson()}.
   *
   * @param source names the input in error messages (a file name)
   * @throws IllegalArgumentException naming {@code source} and the bad field
   */
  public static PolicyCheckpoint fromJson(String json, String source) {
    try {
      return MAPPER.readValue(json, PolicyCheckpoint.class);
    } catch (JsonProcessingException e) {
      // a validating constructor's message names the field; Jackson's own names it or the line
      String reason = e.getCause() instanceof IllegalArgumentException cause
          ? cause.getMessage()
          : e.getOriginalMessage() + (e.getLocation() == null ? ""
              : " (line " + e.getLocation().getLineNr() + ", column "
                  + e.getLocation().getColumnNr() + ")");
      throw new IllegalArgumentException(
          "invalid policy checkpoint " + source + ": " + reason, e);
    }
  }

  /** Writes {@link #toJson()} to {@code file} (UTF-8). */
  public void write(Path file) throws IOException {
    Files.writeString(file, toJson());
  }

  /** Reads a file written by {@link #write}. */
  public static PolicyCheckpoint read(Path file) throws IOException {
    return fromJson(Files.readString(file), file.toString());
  }

  private static void requireFinite(String field, double[] values) {
    if (values == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw new IllegalArgumentException(field + "[" + j + "] is " + values[j]);
      }
    }
  }
}
