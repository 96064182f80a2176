package org.reorder.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Zeppelin note ({@code .zpln}, Zeppelin 0.11's JSON): its name and its paragraphs in order, each
 * split into the interpreter named on its first line ({@code %spark}, {@code %md}, ...) and the
 * code below it.
 *
 * @param file where the note was read from
 * @param name the note's name
 * @param paragraphs in note order
 */
public record ZeppelinNote(Path file, String name, List<Paragraph> paragraphs) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One paragraph.
   *
   * @param index 1-based position in the note
   * @param title the paragraph's title, or "" when it has none
   * @param interpreter the name after '%' on the first line, e.g. {@code spark} or {@code md}
   * @param code the text after the interpreter line
   */
  public record Paragraph(int index, String title, String interpreter, String code) {

    /** "paragraph 3 'Load the tables'", for messages. */
    public String label() {
      return "paragraph " + index + (title.isEmpty() ? "" : " '" + title + "'");
    }
  }

  /**
   * Reads a note.
   *
   * @throws IllegalArgumentException naming the file and the paragraph when the note is not
   *     Zeppelin JSON or a paragraph does not start with an {@code %interpreter} line
   */
  public static ZeppelinNote read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + " is not a Zeppelin note (JSON): " + e.getMessage(), e);
    }
    if (root == null || !root.path("paragraphs").isArray() || !root.path("name").isTextual()) {
      throw new IllegalArgumentException(
          file + " is not a Zeppelin note: it needs a \"name\" " + "and a \"paragraphs\" array");
    }
    List<Paragraph> paragraphs = new ArrayList<>();
    for (JsonNode p : root.get("paragraphs")) {
      int index = paragraphs.size() + 1;
      String text = p.path("text").asText("");
      String title = p.path("title").asText("");
      if (!text.startsWith("%")) {
        throw new IllegalArgumentException(
            file
                + ": paragraph "
                + index
                + " does not start with an %interpreter line (e.g. %spark or %md)");
      }
      int eol = text.indexOf('\n');
      String interpreter = (eol < 0 ? text.substring(1) : text.substring(1, eol)).strip();
      String code = eol < 0 ? "" : text.substring(eol + 1);
      paragraphs.add(new Paragraph(index, title, interpreter, code));
    }
    return new ZeppelinNote(file, root.get("name").asText(), List.copyOf(paragraphs));
  }

  /** The paragraphs run by the Spark Scala interpreter ({@code %spark}), in order. */
  public List<Paragraph> sparkParagraphs() {
    return paragraphs.stream().filter(p -> p.interpreter().equals("spark")).toList();
  }
}
