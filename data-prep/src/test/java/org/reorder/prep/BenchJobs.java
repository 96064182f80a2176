package org.reorder.prep;

import java.io.IOException;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.reorder.dataset.DatasetKind;
import org.reorder.dataset.ReadPolicy;
import org.reorder.dataset.SourceSpec;
import org.reorder.image.ImageDecoder;
import org.reorder.patch.TransformSettings;

/** What the data-prep benchmarks share: timing a job in a fresh session, and a default prep. */
final class BenchJobs {
  private BenchJobs() {}

  interface Job {
    void run(SparkSession spark) throws IOException;
  }

  /** Wall seconds of {@code job} in a fresh session on {@code master} (session start excluded). */
  static double timed(String master, Job job) throws IOException {
    SparkSession spark =
        SparkSession.builder()
            .master(master)
            .appName("bench")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      long start = System.nanoTime();
      job.run(spark);
      return (System.nanoTime() - start) / 1e9;
    } finally {
      spark.stop();
    }
  }

  /** {@code reorder prep} of {@code in} (of {@code kind}) to {@code out} with default options. */
  static void prep(
      SparkSession spark,
      DatasetKind kind,
      String in,
      String out,
      TransformSettings t,
      PrintStream log)
      throws IOException {
    PrepJob.run(
        new PrepOptions(
            SourceSpec.of(kind, in),
            out,
            t,
            PrepOptions.DEFAULT_SHARD_ROWS,
            ImageDecoder.DEFAULT_MAX_PIXELS,
            0,
            ReadPolicy.DEFAULT,
            PrepOptions.DEFAULT_MAX_QUARANTINE_FRACTION),
        spark,
        log);
  }
}
