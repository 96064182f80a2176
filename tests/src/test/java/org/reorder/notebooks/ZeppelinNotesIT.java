package org.reorder.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.order.Permutation;
import org.reorder.order.ScanOrder;

/**
 * Runs every note of {@code notebooks/} against a run directory made by {@link
 * RunDirectoryFixture}, and checks what the notes print against values computed here without Spark.
 */
@ExtendWith(SharedNoteRunner.class)
class ZeppelinNotesIT {
  private static final Path NOTEBOOKS =
      Path.of(System.getProperty("notebooks.dir", "../notebooks"));
  private static final String PRIOR = "1-prior-compressibility.zpln";
  private static final String RUN = "2-run-learned-order.zpln";
  private static final String SWEEP = "3-sweep-accuracy.zpln";

  @TempDir static Path tmp;
  private static RunDirectoryFixture fixture;
  private static NoteRunner runner;
  private static SparkSession spark;

  @BeforeAll
  static void setUp(NoteRunner shared) throws IOException {
    spark = LocalSpark.session();
    fixture = RunDirectoryFixture.write(spark, tmp.resolve("run"));
    runner = shared;
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void everyNoteHasATestHere() throws IOException {
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      Set<String> notes =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".zpln"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(PRIOR, RUN, SWEEP), notes);
    }
  }

  @Test
  void priorNoteComparesOrdersAndFindsThePrior() throws IOException {
    String out =
        String.join("\n", run(PRIOR, Map.of("priorDir", fixture.root.resolve("prior").toString())));

    assertTrue(out.contains("6 images scored in 6 (order, measure) pairs"), out);
    assertTrue(out.contains("%html <img src=\"data:image/png;base64,"), out);
    // the forms' defaults: first and last order by name
    List<String> names = fixture.reductions.keySet().stream().sorted().toList();
    String a = names.get(0);
    String b = names.get(names.size() - 1);
    double[] ra = fixture.reductions.get(a);
    double[] rb = fixture.reductions.get(b);
    double sum = 0;
    for (int i = 0; i < ra.length; i++) {
      sum += ra[i] - rb[i];
    }
    assertTrue(
        out.contains(
            String.format(
                Locale.ROOT,
                "%s vs %s (pixels, 6 images): mean difference %.3f",
                a,
                b,
                sum / ra.length)),
        out);
    assertTrue(
        out.contains(
            "chosen prior: " + fixture.priorOrder + " (least compressible by pixels, 6 images)"),
        out);
    Permutation prior = ScanOrder.fromName(fixture.priorOrder).permutation(4, 4, 0);
    assertTrue(out.contains(gridText(prior, 4)), out);
    assertTrue(out.contains("spiral: "), out);
  }

  @Test
  void runNoteShowsCurvesAndTheLearnedOrder() throws IOException {
    String out = String.join("\n", run(RUN, Map.of()));

    assertTrue(
        out.contains(
            RunDirectoryFixture.RUN_ID
                + ": vit on 4x4 patches, starts from 'row', "
                + "REOrder on"),
        out);
    assertTrue(
        out.contains("curves: loss, reward, baseline, temperature, policy_loss, val_top1"), out);
    assertTrue(out.contains("title=\"curve-tiny-vit-reorder-reward.png\""), out);
    assertTrue(out.contains("title=\"order-tiny-vit-reorder-learned.png\""), out);
    Permutation start = ScanOrder.ROW.permutation(4, 4, 0);
    Permutation learned = fixture.policy.mode();
    assertNotEquals(start, learned, "the fixture's policy should have moved");
    // 30 policy steps; the first only sets the baseline (reinforce.baseline_start: first).
    assertTrue(out.contains("step-00000030: 29 policy updates"), out);
    assertTrue(out.contains("learned order: " + learned), out);
    assertTrue(out.contains("learned:\n" + gridText(learned, 4)), out);
    assertTrue(
        out.contains("Kendall tau distance " + discordantPairs(start, learned) + " of 120 pairs"),
        out);
  }

  @Test
  void sweepNoteFindsTheBestOrderPerArchitecture() throws IOException {
    String out = String.join("\n", run(SWEEP, Map.of()));

    assertTrue(out.contains("12 runs: 2 architectures, 3 orders, modes fixed, reorder"), out);
    assertTrue(out.contains("%html <img src=\"data:image/png;base64,"), out);
    for (String architecture : List.of("longformer", "vit")) {
      Object[] best =
          fixture.accuracy.stream()
              .filter(r -> r[0].equals(architecture))
              .max((x, y) -> Double.compare((double) x[4], (double) y[4]))
              .orElseThrow();
      assertTrue(
          out.contains(
              String.format(
                  Locale.ROOT,
                  "%s: best %s (%s, run %s) top-1 %.2f ± %.2f %%",
                  best[0],
                  best[1],
                  best[2],
                  best[3],
                  100 * (double) best[4],
                  100 * (double) best[5])),
          out);
    }
  }

  private static List<String> run(String note, Map<String, String> extraForms) throws IOException {
    Map<String, String> forms = new java.util.HashMap<>(extraForms);
    forms.put("runDir", fixture.root.toString());
    List<String> outputs = runner.run(ZeppelinNote.read(NOTEBOOKS.resolve(note)), spark, forms);
    // kept for reading what the notes show: target/notes-output/<note>.txt
    Path saved = Path.of("target", "notes-output", note.replace(".zpln", ".txt"));
    Files.createDirectories(saved.getParent());
    Files.writeString(saved, String.join("\n", outputs));
    return outputs;
  }

  /** The slot of every patch on a side x side grid, as the notes print it. */
  private static String gridText(Permutation order, int side) {
    Permutation slotOf = order.inverse();
    int width = String.valueOf(order.size() - 1).length();
    StringBuilder s = new StringBuilder();
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        s.append(c == 0 ? "" : " ")
            .append(String.format("%" + width + "d", slotOf.patchAt(r * side + c)));
      }
      s.append(r == side - 1 ? "" : "\n");
    }
    return s.toString();
  }

  /** Pairs of patches the two orders put the other way round, by brute force. */
  private static int discordantPairs(Permutation x, Permutation y) {
    int count = 0;
    for (int a = 0; a < x.size(); a++) {
      for (int b = a + 1; b < x.size(); b++) {
        boolean xFirst = indexOf(x, a) < indexOf(x, b);
        boolean yFirst = indexOf(y, a) < indexOf(y, b);
        count += xFirst != yFirst ? 1 : 0;
      }
    }
    return count;
  }

  private static int indexOf(Permutation p, int patch) {
    for (int k = 0; k < p.size(); k++) {
      if (p.patchAt(k) == patch) {
        return k;
      }
    }
    throw new IllegalArgumentException("patch " + patch);
  }
}
