package org.reorder.prep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.reorder.dataset.DatasetKind;
import org.reorder.image.DecodeException;
import org.reorder.image.ImageDecoder;
import org.reorder.image.ImageTransformer;
import org.reorder.image.Pixels;
import org.reorder.patch.PatchGrid;
import org.reorder.patch.Patchifier;
import org.reorder.patch.TransformSettings;

/**
 * Benchmark and profile of {@code reorder prep} with the reference transform (not a test; run by
 * bench/data-prep.sh). Args: WORK_DIR INPUT_DIR ROUNDS [BASELINE_NAME=COMMAND ...].
 *
 * <p>INPUT_DIR is an ImageNet-layout dataset (bench/photo_like.py). Measured, in this order:
 *
 * <ol>
 *   <li>Stage profile on one thread, after a warm-up pass: thread CPU time per image of decode
 *       (bytes to pixels), transform (resize and crop) and patchify; then the same on two threads
 *       at once.
 *   <li>A warm-up prep job on {@code local[2]}, not reported.
 *   <li>The Parquet write alone: the same patch rows, already in memory, written by Spark on
 *       {@code local[1]} the way the job writes them.
 *   <li>ROUNDS rounds of: the whole prep job on {@code local[1]}, on {@code local[2]}, on {@code
 *       local[1]} with {@code --dct-scaling}, then each baseline command (bash, timed from
 *       outside, so process start-up counts), so that the baselines see the same machine load as
 *       the job. Each measurement records the 1-minute load average before it and the CPU seconds
 *       it used (a job: this JVM's, all threads, and its GC time; a baseline: its processes'), the
 *       robust figure on a shared machine: CPU / wall is the parallelism a job got.
 * </ol>
 *
 * Writes WORK_DIR/java.json.
 */
public final class DataPrepBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    String in = args[1];
    int rounds = Integer.parseInt(args[2]);
    Map<String, String> baselines = new LinkedHashMap<>();
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      baselines.put(kv[0], kv[1]);
    }
    TransformSettings t = TransformSettings.reference();
    List<byte[]> files = readAll(Path.of(in));
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("images", files.size());
    results.put("transform", t);
    results.put("stagesCpuMsPerImage", stages(files, t));
    System.out.println("stages (CPU ms/image): " + results.get("stagesCpuMsPerImage"));
    results.put("stagesTwoThreadsCpuMsPerImage", stagesOnTwoThreads(files, t));
    System.out.println(
        "stages on two threads at once (CPU ms/image): "
            + results.get("stagesTwoThreadsCpuMsPerImage"));

    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    // Warm-up job (class loading, JIT of the Spark and Parquet paths), not reported.
    String warm = work.resolve("warm").toString();
    BenchJobs.timed(
        "local[2]", spark -> BenchJobs.prep(spark, DatasetKind.IMAGENET, in, warm, t, quiet));

    List<Row> rows = patchRows(files, t);
    double write =
        BenchJobs.timed("local[1]", spark -> writeOnly(spark, rows, work.resolve("write-only")));
    rows.clear();
    results.put("parquetWriteSeconds", write);
    System.out.printf(Locale.ROOT, "parquet write only, local[1]: %.2f s%n", write);

    List<Map<String, Object>> measured = new ArrayList<>();
    TransformSettings scaled = t.withDctScaling(true);
    for (int r = 0; r < rounds; r++) {
      measured.add(timePrep(r, "prep local[1]", "local[1]", in, work.resolve("out-1"), t));
      measured.add(timePrep(r, "prep local[2]", "local[2]", in, work.resolve("out-2"), t));
      Path outScaled = work.resolve("out-s");
      measured.add(
          timePrep(r, "prep local[1] --dct-scaling", "local[1]", in, outScaled, scaled));
      for (Map.Entry<String, String> b : baselines.entrySet()) {
        measured.add(baseline(r, b.getKey(), b.getValue()));
      }
    }
    results.put("measurements", measured);
    Files.writeString(work.resolve("java.json"), new ObjectMapper().writeValueAsString(results));
  }

  /** One timed prep job (a fresh session on {@code master}, session start excluded). */
  private static Map<String, Object> timePrep(
      int round, String what, String master, String in, Path out, TransformSettings t)
      throws IOException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    double load = loadAverage();
    long[] before = {OS.getProcessCpuTime(), gcMillis()};
    String o = out.toString();
    double s =
        BenchJobs.timed(
            master, spark -> BenchJobs.prep(spark, DatasetKind.IMAGENET, in, o, t, quiet));
    return measurement(round, what, s, load, before);
  }

  private static List<byte[]> readAll(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> s = Files.walk(root)) {
      paths = s.filter(p -> p.toString().endsWith(".JPEG")).sorted().toList();
    }
    List<byte[]> out = new ArrayList<>();
    for (Path p : paths) {
      out.add(Files.readAllBytes(p));
    }
    return out;
  }

  /** Thread CPU ms per image of each stage, over all images after one warm-up pass. */
  private static Map<String, Double> stages(List<byte[]> files, TransformSettings t)
      throws DecodeException {
    ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
    ImageTransformer transformer = new ImageTransformer(t);
    PatchGrid grid = t.grid();
    long[] ns = new long[3];
    for (int pass = 0; pass < 2; pass++) {
      ns = new long[3];
      for (byte[] f : files) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        Pixels decoded = decoder.decode(f);
        long t1 = THREADS.getCurrentThreadCpuTime();
        Pixels cropped = transformer.transform(decoded, null);
        long t2 = THREADS.getCurrentThreadCpuTime();
        Patchifier.patchify(cropped.data(), grid);
        long t3 = THREADS.getCurrentThreadCpuTime();
        ns[0] += t1 - t0;
        ns[1] += t2 - t1;
        ns[2] += t3 - t2;
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    String[] names = {"decode", "transform", "patchify"};
    for (int i = 0; i < 3; i++) {
      out.put(names[i], ns[i] / 1e6 / files.size());
    }
    return out;
  }

  /**
   * {@link #stages} on two threads at once, each over half the images: CPU time per image that
   * grows over the one-thread figure means the threads slow each other down (a lock, shared
   * memory bandwidth), which no Spark setting would fix.
   */
  private static Map<String, Double> stagesOnTwoThreads(List<byte[]> files, TransformSettings t)
      throws Exception {
    int half = files.size() / 2;
    List<List<byte[]>> parts = List.of(files.subList(0, half), files.subList(half, 2 * half));
    List<Map<String, Double>> out = new ArrayList<>(List.of(Map.of(), Map.of()));
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int k = i;
      threads.add(
          new Thread(
              () -> {
                try {
                  out.set(k, stages(parts.get(k), t));
                } catch (DecodeException e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread th : threads) {
      th.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    Map<String, Double> mean = new LinkedHashMap<>();
    out.get(0).forEach((k, v) -> mean.put(k, (v + out.get(1).get(k)) / 2));
    return mean;
  }

  /** The patch rows the job would write for {@code files}. */
  private static List<Row> patchRows(List<byte[]> files, TransformSettings t)
      throws DecodeException {
    ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
    ImageTransformer transformer = new ImageTransformer(t);
    PatchGrid g = t.grid();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      byte[] patches = transformer.patches(decoder.decode(files.get(i)), null);
      rows.add(
          RowFactory.create(
              "img_" + i, "/in/img_" + i, i % 4, "class_" + i % 4, "train", g.rows(), g.cols(),
              g.patchSize(), g.channels(), patches));
    }
    return rows;
  }

  private static void writeOnly(SparkSession spark, List<Row> rows, Path out) {
    PatchTables.write(
        spark.createDataFrame(rows, PatchTables.PATCH_SCHEMA),
        out.toString(),
        PrepOptions.DEFAULT_SHARD_ROWS,
        PatchTables.DEFAULT_ROW_GROUP_BYTES);
  }

  /**
   * One timing; {@code before} holds this JVM's CPU nanoseconds and GC milliseconds at its start
   * (null for a baseline process).
   */
  private static Map<String, Object> measurement(
      int round, String what, double s, double load, long[] before) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("round", round);
    m.put("what", what);
    m.put("seconds", s);
    m.put("load", load);
    String extra = "";
    if (before != null) {
      double cpu = (OS.getProcessCpuTime() - before[0]) / 1e9;
      double gc = (gcMillis() - before[1]) / 1e3;
      m.put("cpuSeconds", cpu);
      m.put("gcSeconds", gc);
      extra = String.format(Locale.ROOT, ", JVM CPU %6.2f s, GC %5.2f s", cpu, gc);
    }
    System.out.printf(
        Locale.ROOT, "round %d: %-28s %8.2f s%s (load %.2f)%n", round, what, s, extra, load);
    return m;
  }

  /** Collection time of all collectors so far (G1: pauses, young and mixed). */
  private static long gcMillis() {
    long ms = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += Math.max(0, gc.getCollectionTime());
    }
    return ms;
  }

  private static double loadAverage() throws IOException {
    return Double.parseDouble(
        Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ")[0]);
  }

  /**
   * Times {@code command} (bash, which must succeed): the measurement, with its CPU seconds (user
   * + system of every process it waited for, from bash's {@code times}).
   */
  private static Map<String, Object> baseline(int round, String what, String command)
      throws IOException, InterruptedException {
    double load = loadAverage();
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder("bash", "-c", command + "\ntimes")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .lines().toList();
    if (p.waitFor() != 0 || lines.size() < 2) {
      throw new IOException("baseline failed: " + command);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    // The last line of `times`: the children's user and system time, e.g. "0m1.234s 0m0.056s".
    double cpu = 0;
    for (String t : lines.get(lines.size() - 1).trim().split("\\s+")) {
      String[] ms = t.replace("s", "").split("m");
      cpu += Integer.parseInt(ms[0]) * 60 + Double.parseDouble(ms[1]);
    }
    Map<String, Object> m = measurement(round, what, wall, load, null);
    m.put("cpuSeconds", cpu);
    System.out.printf(Locale.ROOT, "         %-28s CPU %6.2f s%n", what, cpu);
    return m;
  }
}
