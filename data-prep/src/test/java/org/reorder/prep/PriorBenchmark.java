package org.reorder.prep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.reorder.dataset.DatasetKind;
import org.reorder.dataset.synthetic.GenerateOptions;
import org.reorder.dataset.synthetic.SyntheticGenerator;
import org.reorder.order.Orders;
import org.reorder.patch.PatchBatch;
import org.reorder.data.StoredOrderBatches;
import org.reorder.patch.TransformSettings;
import org.reorder.prior.PriorJob;
import org.reorder.prior.PriorOptions;

/**
 * Benchmark of {@code reorder prior} with the pixels measure (not a test; run by bench/prior.sh,
 * which also times the Python lzma baseline on the same patch tensors in the same run). Args:
 * WORK_DIR IMAGES SIZE.
 *
 * <p>Writes WORK_DIR/java.json with image-orders/s of the pixels prior at local[1] and local[2],
 * and the inputs of the Python baseline: patches.bin (the scored images' patch tensors) and
 * orders.txt (one permutation per line).
 */
public final class PriorBenchmark {
  private static final List<String> ORDERS =
      List.of("row", "column", "hilbert", "spiral", "diagonal", "snake");

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int images = Integer.parseInt(args[1]);
    int size = Integer.parseInt(args[2]);
    int classes = 4;
    String in = work.resolve("in").toString();
    SyntheticGenerator.generate(
        new GenerateOptions("imagenet", in, images / classes, classes, size, 7),
        new Configuration());
    TransformSettings t = TransformSettings.reference();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("images", images / classes * classes);
    results.put("imageSize", size);
    results.put("transform", t);
    String out = work.resolve("out").toString();
    BenchJobs.timed(
        "local[2]", spark -> BenchJobs.prep(spark, DatasetKind.SYNTHETIC, in, out, t, quiet));
    // Warm-up run (class loading, JIT) at local[2], not reported.
    prior(out, work.resolve("prior-warm").toString(), "local[2]", quiet);
    for (String master : List.of("local[1]", "local[2]")) {
      String dir = work.resolve("prior-" + master.charAt(6)).toString();
      double seconds = prior(out, dir, master, quiet);
      results.put("priorSeconds_" + master, seconds);
      System.out.printf(
          Locale.ROOT, "%s: prior (pixels, %d orders) %.2f s%n", master, ORDERS.size(), seconds);
    }
    dumpForPython(work, out);
    Files.writeString(
        work.resolve("java.json"),
        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(results));
  }

  private static double prior(String patches, String output, String master, PrintStream log)
      throws IOException {
    PriorOptions o =
        new PriorOptions(
            patches, output, "train", ORDERS, List.of("pixels"), 256, 1, 1, 0, "least", null, 6,
            1000, 42);
    return BenchJobs.timed(master, spark -> PriorJob.run(o, spark, log));
  }

  private static void dumpForPython(Path work, String dataset) throws IOException {
    int n = 0;
    try (StoredOrderBatches r = StoredOrderBatches.open(dataset, "train", 64,
            new org.apache.hadoop.conf.Configuration());
        OutputStream bin = Files.newOutputStream(work.resolve("patches.bin"))) {
      List<String> lines = new ArrayList<>();
      lines.add(r.grid().numPatches() + " " + r.grid().patchDim());
      for (String o : ORDERS) {
        StringBuilder sb = new StringBuilder(o);
        for (int p : Orders.resolve(o, r.grid().rows(), r.grid().cols(), 42).toArray()) {
          sb.append(' ').append(p);
        }
        lines.add(sb.toString());
      }
      Files.write(work.resolve("orders.txt"), lines);
      for (PatchBatch b : r) {
        bin.write(b.patches());
        n += b.size();
      }
    }
    System.out.println("dumped " + n + " patch tensors for the Python baseline");
  }
}
