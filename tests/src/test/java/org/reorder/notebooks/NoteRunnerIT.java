package org.reorder.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The harness itself: it binds what Zeppelin binds, and it fails on every kind of bad paragraph.
 */
@ExtendWith(SharedNoteRunner.class)
class NoteRunnerIT {
  private static NoteRunner runner;
  private static SparkSession spark;

  @BeforeAll
  static void start(NoteRunner shared) {
    runner = shared;
    spark = LocalSpark.session();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void bindsFormsSparkAndTables() throws Exception {
    ZeppelinNote note = note("forms-and-spark.zpln");
    assertEquals(3, note.paragraphs().size());
    assertEquals(
        List.of("Forms", "Spark"),
        note.sparkParagraphs().stream().map(ZeppelinNote.Paragraph::title).toList());

    List<String> out = runner.run(note, spark, Map.of("dir", "/from/harness"));

    assertTrue(out.get(0).contains("dir=/from/harness pick=b"), out.get(0));
    assertTrue(out.get(1).contains("n=5 parallelism=1"), out.get(1));
    assertTrue(out.get(1).contains("%table id\n0\n1\n"), out.get(1));
  }

  @Test
  void failsOnACompileErrorNamingNoteAndParagraph() throws Exception {
    ParagraphFailedException e =
        assertThrows(
            ParagraphFailedException.class,
            () -> runner.run(note("broken-compile.zpln"), spark, Map.of()));
    assertEquals(2, e.paragraph().index());
    assertTrue(
        e.getMessage()
            .startsWith(
                "note 'broken: compile error' (broken-compile.zpln), paragraph 2 'Type error'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
  }

  @Test
  void failsOnAnExceptionAtRunTime() throws Exception {
    ParagraphFailedException e =
        assertThrows(
            ParagraphFailedException.class,
            () -> runner.run(note("broken-runtime.zpln"), spark, Map.of()));
    assertEquals("Throws", e.paragraph().title());
    assertTrue(e.getMessage().contains("/nonexistent/reorder/table.parquet"), e.getMessage());
  }

  @Test
  void failsOnIncompleteCode() throws Exception {
    ParagraphFailedException e =
        assertThrows(
            ParagraphFailedException.class,
            () -> runner.run(note("broken-incomplete.zpln"), spark, Map.of()));
    assertTrue(e.getMessage().contains("paragraph 1 'Unclosed': incomplete code"), e.getMessage());
  }

  private static ZeppelinNote note(String name) throws java.io.IOException, URISyntaxException {
    return ZeppelinNote.read(Path.of(NoteRunnerIT.class.getResource("/notebooks/" + name).toURI()));
  }
}
