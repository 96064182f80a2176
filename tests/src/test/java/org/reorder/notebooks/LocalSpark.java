package org.reorder.notebooks;

import org.apache.spark.sql.SparkSession;

/**
 * The local Spark session of a note test class; each class stops it when done, so the other
 * integration tests of the JVM (which configure their own session) never get this one.
 */
final class LocalSpark {
  private LocalSpark() {}

  /** A local session with one core and one shuffle partition (tiny tables). */
  static SparkSession session() {
    return SparkSession.builder()
        .master("local[1]")
        .appName("zeppelin-notes-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.warehouse.dir", "target/spark-warehouse")
        .getOrCreate();
  }
}
