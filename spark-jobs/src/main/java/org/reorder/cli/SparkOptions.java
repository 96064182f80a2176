package org.reorder.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The Spark options every distributed command shares ({@code @Mixin}). Under spark-submit the
 * master comes from spark-submit and {@code --master} is left out; run directly, the default is
 * the embedded {@code local[*]}.
 */
public final class SparkOptions {

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

  /** Starts (or joins) the session; the caller stops it. */
  public SparkSession session(String appName) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName).master(resolvedMaster());
    // The embedded default has no use for the web UI and would fight for port 4040 in tests.
    if (resolvedMaster().startsWith("local")) {
      builder.config("spark.ui.enabled", "false");
    }
    conf.forEach(builder::config);
    return builder.getOrCreate();
  }
}
