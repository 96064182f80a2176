package org.reorder.notebooks;

import java.io.PrintWriter;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;
import scala.collection.Seq;

/**
 * The part of Zeppelin's {@code z} (SparkZeppelinContext) the notes use, with the same Scala
 * signatures, for running notes outside Zeppelin: a form returns the value the harness set for its
 * name, else its default, and says what it returned; {@link #show} prints a table in Zeppelin's
 * {@code %table} text form.
 */
public final class ZeppelinStub {
  private static final int MAX_ROWS = 20;

  private final Map<String, String> values;
  private final PrintWriter out;

  /**
   * @param values form values by name, as a user would type them (e.g. {@code runDir})
   * @param out where forms and tables are printed
   */
  public ZeppelinStub(Map<String, String> values, PrintWriter out) {
    this.values = Map.copyOf(values);
    this.out = out;
  }

  /** A text box: the set value, else "". */
  public Object textbox(String name) {
    return textbox(name, "");
  }

  /** A text box: the set value, else {@code defaultValue}. */
  public Object textbox(String name, String defaultValue) {
    String value = values.getOrDefault(name, defaultValue);
    out.println("[form] textbox " + name + " = " + value);
    return value;
  }

  /** A drop-down with no default: the set value, else the first option. */
  public Object select(String name, Seq<Tuple2<Object, String>> options) {
    return select(name, null, options);
  }

  /**
   * A drop-down: the set value, else {@code defaultValue}, else the first option.
   *
   * @throws IllegalArgumentException when that value is not one of the options (Zeppelin would show
   *     an empty selection; a note must not rely on that)
   */
  public Object select(String name, Object defaultValue, Seq<Tuple2<Object, String>> options) {
    if (options.isEmpty()) {
      throw new IllegalArgumentException("select " + name + " has no options");
    }
    Object wanted =
        values.containsKey(name)
            ? values.get(name)
            : defaultValue != null ? defaultValue : options.head()._1();
    for (int i = 0; i < options.size(); i++) {
      Object value = options.apply(i)._1();
      if (String.valueOf(value).equals(String.valueOf(wanted))) {
        out.println("[form] select " + name + " = " + value);
        return value;
      }
    }
    throw new IllegalArgumentException(
        "select " + name + ": " + wanted + " is not one of its options");
  }

  /** Prints a DataFrame or Dataset as a {@code %table} (first rows), anything else as text. */
  public void show(Object o) {
    if (!(o instanceof Dataset<?> ds)) {
      out.println(o);
      return;
    }
    out.println("%table " + String.join("\t", ds.columns()));
    for (Row row : ds.toDF().takeAsList(MAX_ROWS)) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length(); i++) {
        line.append(i == 0 ? "" : "\t").append(row.get(i));
      }
      out.println(line);
    }
    out.println("%text ");
  }
}
