package org.reorder.prep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.reorder.dataset.DatasetKind;
import org.reorder.patch.TransformSettings;

/**
 * The steady state of {@code reorder prep} to profile (not a test; run by bench/prep-profile.sh,
 * which attaches async-profiler around the measured jobs). Args: INPUT_DIR OUT_DIR JOBS MASTER.
 *
 * <p>Runs one warm-up job, prints {@code READY} and waits for a line on stdin (the profiler
 * starts), runs JOBS prep jobs with the reference transform, each in a fresh session as {@link
 * DataPrepBenchmark} does, prints {@code DONE} and waits again (the profiler stops), then prints
 * one JSON line: per job its wall seconds and the CPU seconds of the JIT compiler threads, the GC
 * threads and the whole JVM. (The task threads' CPU comes from the profile's samples: they end with
 * their session, before anything here could read their clocks.)
 */
public final class PrepProfile {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws Exception {
    String in = args[0];
    String out = args[1];
    int jobs = Integer.parseInt(args[2]);
    String master = args[3];
    TransformSettings t = TransformSettings.reference();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    BufferedReader control =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BenchJobs.Job prep = spark -> BenchJobs.prep(spark, DatasetKind.IMAGENET, in, out, t, quiet);
    BenchJobs.timed(master, prep);
    handOver("READY", control);
    List<Map<String, Object>> measured = new ArrayList<>();
    for (int j = 0; j < jobs; j++) {
      double[] before = cpu();
      double wall = BenchJobs.timed(master, prep);
      double[] after = cpu();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("wallSeconds", wall);
      String[] names = {"jitCpuSeconds", "gcCpuSeconds", "jvmCpuSeconds"};
      for (int i = 0; i < names.length; i++) {
        m.put(names[i], after[i] - before[i]);
      }
      measured.add(m);
      System.err.printf(Locale.ROOT, "job %d: %s%n", j + 1, m);
    }
    handOver("DONE", control);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("master", master);
    result.put("jobs", measured);
    System.out.println(new ObjectMapper().writeValueAsString(result));
    // Spark's non-daemon threads would keep the JVM up after main returns.
    System.exit(0);
  }

  private static void handOver(String marker, BufferedReader control) throws IOException {
    System.out.println(marker);
    System.out.flush();
    if (control.readLine() == null) {
      System.err.println("PrepProfile: stdin closed while waiting after " + marker);
      System.exit(2); // Spark's non-daemon threads would keep the JVM up after an exception
    }
  }

  /**
   * CPU seconds so far of the JIT compiler threads and the GC threads (from /proc/self/task, where
   * the JVM's own threads are listed by name) and of the whole JVM.
   */
  private static double[] cpu() throws IOException {
    double jit = 0;
    double gc = 0;
    List<Path> tasks;
    try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
      tasks = s.toList();
    }
    for (Path thread : tasks) {
      String name;
      String stat;
      try {
        name = Files.readString(thread.resolve("comm")).trim();
        stat = Files.readString(thread.resolve("stat"));
      } catch (NoSuchFileException e) {
        continue; // the thread ended between the listing and the read
      }
      // Fields after the parenthesised name: utime and stime are the 12th and 13th, in ticks.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
      if (name.contains("CompilerThre")) {
        jit += seconds;
      } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
        gc += seconds;
      }
    }
    return new double[] {jit, gc, OS.getProcessCpuTime() / 1e9};
  }
}
