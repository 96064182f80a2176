package org.reorder.prep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.dataset.DatasetKind;
import org.reorder.dataset.ReadPolicy;
import org.reorder.dataset.SourceSpec;
import org.reorder.dataset.TransientStorageException;
import org.reorder.dataset.synthetic.GenerateOptions;
import org.reorder.dataset.synthetic.SyntheticGenerator;
import org.reorder.image.ImageDecoder;
import org.reorder.patch.PatchFormat;
import org.reorder.patch.TransformSettings;
import org.reorder.testing.S3ProxyServer;
import org.reorder.testing.SparkTestSession;

/**
 * An S3 outage in the middle of a prep job, for real: the input lies on S3Proxy, the output on the
 * local disk (where nothing else would notice the outage), and the server is stopped as soon as
 * the first decoding task ends. The job must fail naming an s3a:// path and the cause after the
 * retries, and must not have turned the unread images into quarantine rows.
 */
class StorageOutageTest {
  @TempDir Path tmp;

  @Test
  void anOutageMidJobFailsTheJobInsteadOfQuarantiningTheImages() throws Exception {
    SparkSession spark = SparkTestSession.get();
    S3ProxyServer s3 = S3ProxyServer.start(tmp);
    SparkListener stopServerAfterFirstTask = null;
    try {
      // A bucket of its own: Hadoop caches one S3A client per bucket for the whole JVM, and the
      // other S3 test's bucket points at another server.
      s3.createBucket("outage");
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      s3.configure(conf);
      // S3A's own retries of this bucket short, so that the test measures ours.
      conf.set("fs.s3a.bucket.outage.retry.limit", "0");
      conf.set("fs.s3a.bucket.outage.attempts.maximum", "0");
      SyntheticGenerator.generate(
          new GenerateOptions("imagenet", "s3a://outage/in", 10, 2, 32, 5), conf);
      AtomicBoolean stopped = new AtomicBoolean();
      stopServerAfterFirstTask =
          new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
              if (stopped.compareAndSet(false, true)) {
                s3.close();
              }
            }
          };
      spark.sparkContext().addSparkListener(stopServerAfterFirstTask);
      String out = tmp.resolve("out").toString();
      PrepOptions options =
          new PrepOptions(
              SourceSpec.of(DatasetKind.SYNTHETIC, "s3a://outage/in"),
              out,
              new TransformSettings(0, 32, 8, 3, "whole", 0),
              PrepOptions.DEFAULT_SHARD_ROWS,
              ImageDecoder.DEFAULT_MAX_PIXELS,
              25, // one image per task: most tasks start after the server is gone
              new ReadPolicy(ReadPolicy.DEFAULT_MAX_FILE_BYTES, 2, 20),
              PrepOptions.DEFAULT_MAX_QUARANTINE_FRACTION);

      TransientStorageException e =
          assertThrows(
              TransientStorageException.class,
              () -> PrepJob.run(options, spark, new PrintStream(new ByteArrayOutputStream())));

      assertTrue(stopped.get(), "the server was stopped mid-job");
      String message = e.getMessage();
      assertTrue(message.startsWith("cannot read s3a://outage/in/"), message);
      assertTrue(message.contains("after 3 attempts: "), message);
      assertFalse(message.contains("\n"), "one line: " + message);
      assertFalse(
          Files.exists(Path.of(out, PatchFormat.QUARANTINE_DIR)),
          "nothing was quarantined for the outage");
      assertFalse(Files.exists(Path.of(out, PatchFormat.SIDECAR)));
    } finally {
      if (stopServerAfterFirstTask != null) {
        spark.sparkContext().removeSparkListener(stopServerAfterFirstTask);
      }
      s3.close();
    }
  }

  @Test
  void anOutageDuringTheListingIsRetriedThenFailsNamingTheInput() throws Exception {
    SparkSession spark = SparkTestSession.get();
    S3ProxyServer s3 = S3ProxyServer.start(tmp);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    s3.configure(conf);
    conf.set("fs.s3a.bucket.unlisted.retry.limit", "0");
    conf.set("fs.s3a.bucket.unlisted.attempts.maximum", "0");
    s3.close(); // before the job: the listing meets a server that is gone
    PrepOptions options =
        new PrepOptions(
            SourceSpec.of(DatasetKind.SYNTHETIC, "s3a://unlisted/in"),
            tmp.resolve("out").toString(),
            null,
            PrepOptions.DEFAULT_SHARD_ROWS,
            ImageDecoder.DEFAULT_MAX_PIXELS,
            0,
            new ReadPolicy(ReadPolicy.DEFAULT_MAX_FILE_BYTES, 1, 20),
            PrepOptions.DEFAULT_MAX_QUARANTINE_FRACTION);
    TransientStorageException e =
        assertThrows(
            TransientStorageException.class,
            () -> PrepJob.run(options, spark, new PrintStream(new ByteArrayOutputStream())));
    assertTrue(
        e.getMessage().startsWith("cannot list s3a://unlisted/in after 2 attempts: "),
        e.getMessage());
  }
}
