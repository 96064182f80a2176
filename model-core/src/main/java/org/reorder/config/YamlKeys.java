package org.reorder.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads YAML configuration text into a tree, refusing a key given twice in one mapping: YAML
 * parsers let the last one win silently, so an edit lower in a file would quietly undo one above
 * it. The error names the key path and both lines.
 */
public final class YamlKeys {
  private YamlKeys() {}

  /**
   * The tree of {@code text} ({@code source} names it in errors).
   *
   * @throws ConfigException {@code <source>: key training.epochs appears twice, on lines 23 and 29}
   * @throws JsonProcessingException when {@code text} is not YAML
   */
  public static JsonNode readTree(ObjectMapper yaml, String text, String source)
      throws JsonProcessingException {
    refuseDuplicates(yaml, text, source);
    return yaml.readTree(text);
  }

  /** One open mapping (or list, with no keys) and the key path it sits at. */
  private record Level(String path, Map<String, Integer> lineByKey) {}

  private static void refuseDuplicates(ObjectMapper yaml, String text, String source)
      throws JsonProcessingException {
    try (JsonParser p = yaml.getFactory().createParser(text)) {
      Deque<Level> levels = new ArrayDeque<>();
      String field = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> {
            Level parent = levels.peek();
            String path = parent == null ? "" : child(parent, field);
            levels.push(new Level(path, t == JsonToken.START_OBJECT ? new HashMap<>() : null));
          }
          case END_OBJECT, END_ARRAY -> levels.pop();
          case FIELD_NAME -> {
            field = p.currentName();
            int line = p.currentTokenLocation().getLineNr();
            Level level = levels.peek();
            Integer first = level.lineByKey().putIfAbsent(field, line);
            if (first != null) {
              throw new ConfigException(source + ": key " + child(level, field)
                  + " appears twice, on lines " + first + " and " + line);
            }
          }
          default -> { }
        }
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) { // reading a String does no I/O
      throw new UncheckedIOException(e);
    }
  }

  private static String child(Level parent, String field) {
    if (parent.lineByKey() == null) {
      return parent.path() + "[]";
    }
    return parent.path().isEmpty() ? field : parent.path() + "." + field;
  }
}
