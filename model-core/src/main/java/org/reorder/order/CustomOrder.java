package org.reorder.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A user-supplied order: a list of flat patch indices in slot order, given inline ({@code "0,4,8,12
 * 1 5 ..."}, commas and/or whitespace) or as the path of a file holding such a list, a JSON array
 * of ints, or a JSON object whose {@code "perm"} field is one. Every error names where the order
 * came from.
 */
public final class CustomOrder {
  /** Text made only of integers, commas, whitespace and brackets is an inline list, not a path. */
  private static final Pattern INLINE_LIST =
      Pattern.compile("[\\s,\\[\\]0-9+-]*[0-9][\\s,\\[\\]0-9+-]*");

  private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private CustomOrder() {}

  /**
   * Parses and validates a custom order for a {@code rows} x {@code cols} grid.
   *
   * @param listOrFile an inline list, or a file path (list, JSON array, or JSON object with "perm")
   * @throws IllegalArgumentException naming the inline list or the file, when the file cannot be
   *     read, a value is not an integer, or the result is not a permutation of rows * cols patches
   */
  public static Permutation parse(String listOrFile, int rows, int cols) {
    GridShape grid = new GridShape(rows, cols);
    if (listOrFile == null || listOrFile.isBlank()) {
      throw new IllegalArgumentException("custom order: empty; give a list of indices or a file");
    }
    boolean inline = INLINE_LIST.matcher(listOrFile).matches();
    String source =
        inline
            ? "custom order '" + abbreviate(listOrFile) + "'"
            : "custom order file " + listOrFile;
    String text = inline ? listOrFile : read(Path.of(listOrFile.trim()), source);
    try {
      return Permutation.of(values(text, source), grid.cells());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " for a " + grid + " grid: " + e.getMessage(), e);
    }
  }

  private static String read(Path path, String source) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": cannot read it (" + e + ")", e);
    }
  }

  private static int[] values(String text, String source) {
    String body = text.strip();
    if (body.startsWith("{") || (body.startsWith("[") && !INLINE_LIST.matcher(body).matches())) {
      return jsonValues(body, source);
    }
    // Why: a JSON array of ints is also a plain list once its brackets are dropped.
    String[] tokens = SEPARATORS.split(body.replace('[', ' ').replace(']', ' ').strip());
    int[] perm = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      try {
        perm[i] = Integer.parseInt(tokens[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            source + ": entry " + i + " ('" + tokens[i] + "') is not an integer", e);
      }
    }
    return perm;
  }

  private static int[] jsonValues(String body, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    JsonNode array = root.isObject() ? root.get("perm") : root;
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException(
          source + ": expected a JSON array of ints or an object with a \"perm\" array");
    }
    int[] perm = new int[array.size()];
    for (int i = 0; i < perm.length; i++) {
      JsonNode v = array.get(i);
      if (!v.canConvertToInt() || !v.isIntegralNumber()) {
        throw new IllegalArgumentException(
            source + ": perm[" + i + "] (" + v + ") is not an integer");
      }
      perm[i] = v.intValue();
    }
    return perm;
  }

  private static String abbreviate(String text) {
    String t = text.strip();
    return t.length() <= 40 ? t : t.substring(0, 37) + "...";
  }
}
