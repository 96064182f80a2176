package org.reorder.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The Spark options every distributed command shares ({@code @Mixin}). Under spark-submit the
 * master comes from spark-submit and {@code --master} is left out; run directly, the default is
 * the embedded {@code local[*]}.
 */
public final class SparkOptions {
  private static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;
  /** Contexts that already report progress (commands run in one JVM share a context). */
  private static final Set<SparkContext> WITH_PROGRESS =
      Collections.newSetFromMap(new WeakHashMap<>());

  @Option(names = "--master",
      description = "Spark master URL (default: the one spark-submit set, else local[*]).")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "A Spark or Hadoop setting, repeatable (e.g. --conf spark.hadoop.fs.s3a.endpoint=...).")
  Map<String, String> conf = new LinkedHashMap<>();

  /** The master this command will use. */
  public String resolvedMaster() {
    if (master != null) {
      return master;
    }
    return new SparkConf().get("spark.master", "local[*]");
  }

  /**
   * The Hadoop configuration of the {@code spark.hadoop.*} settings (spark-submit's and
   * {@code --conf}'s), for reading input files before the session starts.
   */
  public Configuration hadoopConf() {
    Configuration c = new Configuration();
    Map<String, String> all = new LinkedHashMap<>();
    for (scala.Tuple2<String, String> kv : new SparkConf().getAll()) {
      all.put(kv._1(), kv._2());
    }
    all.putAll(conf);
    all.forEach((k, v) -> {
      if (k.startsWith("spark.hadoop.")) {
        c.set(k.substring("spark.hadoop.".length()), v);
      }
    });
    return c;
  }

  /** Starts (or joins) the session; the caller stops it. */
  public SparkSession session(String appName) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName).master(resolvedMaster());
    // The embedded default has no use for the web UI and would fight for port 4040 in tests.
    if (resolvedMaster().startsWith("local")) {
      builder.config("spark.ui.enabled", "false");
    }
    // StageProgress prints stage progress with an ETA instead of Spark's redrawn console bar.
    builder.config("spark.ui.showConsoleProgress", "false");
    // A sweep's runs submit their rounds from threads of their own, each in a pool named after
    // the run: fair scheduling shares the slots between them (--conf may choose FIFO).
    builder.config("spark.scheduler.mode", "FAIR");
    conf.forEach(builder::config);
    SparkSession session = builder.getOrCreate();
    synchronized (WITH_PROGRESS) {
      if (WITH_PROGRESS.add(session.sparkContext())) {
        session.sparkContext().addSparkListener(
            new StageProgress(System.err, System::nanoTime, PROGRESS_INTERVAL_NANOS));
      }
    }
    return session;
  }
}
