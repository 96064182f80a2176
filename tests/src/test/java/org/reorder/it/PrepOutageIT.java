package org.reorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.cli.ReorderCli;
import org.reorder.dataset.synthetic.GenerateOptions;
import org.reorder.dataset.synthetic.SyntheticGenerator;
import org.reorder.testing.S3ProxyServer;

/**
 * {@code reorder prep} through the command line during a real S3 outage: the dataset on S3Proxy,
 * the output on the local disk, the server stopped when the first decoding task ends. The
 * command must exit non-zero with its last line naming an s3a:// path and the cause, and must not
 * leave quarantine rows or a dataset.json behind.
 */
class PrepOutageIT {
  @TempDir Path dir;

  @Test
  void anOutageEndsPrepWithOneLineNamingThePathAndTheCause() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"));
    try {
      s3.createBucket("outage");
      // The command joins this session (getOrCreate), so the listener below sees its tasks.
      SparkSession spark = s3.sparkSession("local[2]", "prep-outage-it");
      var conf = spark.sparkContext().hadoopConfiguration();
      conf.set("fs.s3a.bucket.outage.retry.limit", "0");
      conf.set("fs.s3a.bucket.outage.attempts.maximum", "0");
      SyntheticGenerator.generate(
          new GenerateOptions("imagenet", "s3a://outage/in", 10, 2, 32, 5), conf);
      AtomicBoolean stopped = new AtomicBoolean();
      spark.sparkContext().addSparkListener(new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
          if (stopped.compareAndSet(false, true)) {
            s3.close();
          }
        }
      });
      Path out = dir.resolve("out");
      PrintStream err = System.err;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = ReorderCli.run("prep", "--dataset", "synthetic", "--input", "s3a://outage/in",
            "--output", out.toString(), "--partitions", "25", "--io-retries", "1",
            "--io-backoff-ms", "10");
      } finally {
        System.setErr(err);
      }
      String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
      String last = lines[lines.length - 1];
      assertTrue(stopped.get(), "the server was stopped mid-job");
      assertEquals(1, code, last);
      assertTrue(last.startsWith("reorder prep: failed: cannot read s3a://outage/in/"), last);
      assertTrue(last.contains(" after 2 attempts: "), last);
      assertTrue(last.contains("check that it is reachable, then rerun"), last);
      assertFalse(Files.exists(out.resolve("quarantine")), "nothing quarantined for an outage");
      assertFalse(Files.exists(out.resolve("dataset.json")));
    } finally {
      s3.close();
    }
  }
}
