package org.reorder.notebooks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * Runs the {@code %spark} paragraphs of a {@link ZeppelinNote} in order, the way Zeppelin 0.11's
 * Spark interpreter for Scala 2.12 does: a class-based Scala REPL ({@link IMain}), reset per note,
 * with {@code spark}, {@code sc} and {@code sqlContext} bound ({@code @transient}), Zeppelin's
 * default imports, and {@code z} bound to a {@link ZeppelinStub}; each paragraph is interpreted
 * whole, and an incomplete one is retried with {@code print("")} appended (Zeppelin's fix for a
 * trailing comment). A paragraph that does not compile, throws, or stays incomplete stops the note
 * with a {@link ParagraphFailedException} naming the note and the paragraph.
 */
final class NoteRunner implements AutoCloseable {
  /** Zeppelin's imports after binding the session (AbstractSparkScalaInterpreter). */
  private static final List<String> ZEPPELIN_IMPORTS =
      List.of(
          "import org.apache.spark.SparkContext._",
          "import spark.implicits._",
          "import sqlContext.implicits._",
          "import spark.sql",
          "import org.apache.spark.sql.functions._");

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream console = new PrintStream(buffer, true, StandardCharsets.UTF_8);
  private final PrintWriter out = new PrintWriter(console, true);
  private final IMain repl;

  /**
   * Starts the Scala compiler (seconds: it indexes the class path); each note then runs in a {@link
   * IMain#reset() reset} interpreter, so notes cannot see each other's definitions.
   */
  NoteRunner() {
    this.repl = new IMain(settings(), out);
    repl.initializeSynchronous();
  }

  /**
   * Runs {@code note}'s {@code %spark} paragraphs in order.
   *
   * @param spark the session bound as {@code spark} (with its {@code sc} and {@code sqlContext})
   * @param formValues what the stub's forms return, by form name (e.g. {@code runDir})
   * @return what each paragraph printed
   * @throws ParagraphFailedException at the first paragraph that fails
   */
  List<String> run(ZeppelinNote note, SparkSession spark, Map<String, String> formValues) {
    repl.reset();
    buffer.reset();
    setUp(note, spark, formValues);
    List<String> outputs = new ArrayList<>();
    for (ZeppelinNote.Paragraph p : note.sparkParagraphs()) {
      buffer.reset();
      long start = System.nanoTime();
      String failure = interpret(p.code());
      out.flush();
      // the harness's own timing, to keep the note tests' time in view
      System.err.printf(
          java.util.Locale.ROOT,
          "[notes] %s, %s: %.1f s%n",
          note.file().getFileName(),
          p.label(),
          (System.nanoTime() - start) / 1e9);
      String printed = buffer.toString(StandardCharsets.UTF_8);
      if (failure != null) {
        throw new ParagraphFailedException(note, p, failure, printed);
      }
      outputs.add(printed);
    }
    return outputs;
  }

  @Override
  public void close() {
    repl.close();
  }

  private void setUp(ZeppelinNote note, SparkSession spark, Map<String, String> formValues) {
    bind("spark", SparkSession.class.getName(), spark);
    bind("sc", "org.apache.spark.SparkContext", spark.sparkContext());
    bind("sqlContext", "org.apache.spark.sql.SQLContext", spark.sqlContext());
    bind("z", ZeppelinStub.class.getName(), new ZeppelinStub(formValues, out));
    // one compilation for all of them: the same scope as Zeppelin's one-by-one imports
    String imports = String.join("\n", ZEPPELIN_IMPORTS);
    if (!(repl.interpret(imports) instanceof Results.Success$)) {
      out.flush();
      throw new IllegalStateException(
          "cannot set up the interpreter for "
              + note.file()
              + ":\n"
              + buffer.toString(StandardCharsets.UTF_8));
    }
  }

  /** Interprets one paragraph; null on success, else what went wrong. */
  private String interpret(String code) {
    Results.Result result = scala.Console$.MODULE$.withOut(console, () -> repl.interpret(code));
    if (result instanceof Results.Incomplete$) {
      result =
          scala.Console$.MODULE$.withOut(console, () -> repl.interpret(code + "\nprint(\"\")"));
    }
    if (result instanceof Results.Success$) {
      return null;
    }
    return result instanceof Results.Incomplete$ ? "incomplete code" : "compile or runtime error";
  }

  private void bind(String name, String type, Object value) {
    Results.Result result =
        repl.bind(name, type, value, JavaConverters.asScalaBuffer(List.of("@transient")).toList());
    if (!(result instanceof Results.Success$)) {
      throw new IllegalStateException("cannot bind " + name + " as " + type);
    }
  }

  /** Zeppelin's settings: class-based wrappers, the JVM's class path for compiling. */
  private static Settings settings() {
    Settings settings = new Settings();
    settings.processArgumentString("-Yrepl-class-based -usejavacp");
    return settings;
  }
}
