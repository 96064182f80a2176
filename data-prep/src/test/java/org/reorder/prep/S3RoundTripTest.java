package org.reorder.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.dataset.DatasetKind;
import org.reorder.dataset.ReadPolicy;
import org.reorder.dataset.SourceSpec;
import org.reorder.dataset.synthetic.GenerateOptions;
import org.reorder.dataset.synthetic.SyntheticGenerator;
import org.reorder.image.ImageDecoder;
import org.reorder.patch.PatchBatch;
import org.reorder.data.StoredOrderBatches;
import org.reorder.patch.TransformSettings;
import org.reorder.testing.S3ProxyServer;
import org.reorder.testing.SparkTestSession;

/**
 * Generate, prep and read back entirely on s3a:// against a real S3Proxy: listing, reading, Parquet
 * writing with quarantine, and model-core's reader through Hadoop's s3a file system. The same
 * images prepared from a local copy give the same patches.
 */
class S3RoundTripTest {
  @TempDir Path tmp;

  @Test
  void prepOnS3MatchesLocalPrep() throws Exception {
    SparkSession spark = SparkTestSession.get();
    try (S3ProxyServer s3 = S3ProxyServer.start(tmp)) {
      s3.createBucket("data");
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      s3.configure(conf);
      GenerateOptions gen = new GenerateOptions("imagenet", "s3a://data/in", 3, 2, 32, 9);
      SyntheticGenerator.generate(gen, conf);
      SyntheticGenerator.generate(
          new GenerateOptions("imagenet", tmp.resolve("in").toString(), 3, 2, 32, 9), conf);
      org.apache.hadoop.fs.Path empty =
          new org.apache.hadoop.fs.Path("s3a://data/in/train/arrangement_01/empty.JPEG");
      FileSystem fs = empty.getFileSystem(conf);
      try (OutputStream ignored = fs.create(empty, true)) {
        // zero bytes: must come back as quarantined
      }
      TransformSettings t = new TransformSettings(0, 32, 8, 3, "whole", 0);
      PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
      PrepSummary remote =
          PrepJob.run(
              new PrepOptions(
                  SourceSpec.of(DatasetKind.SYNTHETIC, "s3a://data/in"),
                  "s3a://data/out",
                  t,
                  4,
                  ImageDecoder.DEFAULT_MAX_PIXELS,
                  2,
                  ReadPolicy.DEFAULT,
                  1.0),
              spark,
              quiet);
      assertEquals(6 + 1, remote.splits().get("train").read());
      assertEquals(6, remote.splits().get("train").written());
      assertEquals(Map.of("empty-file", 1L), remote.splits().get("train").byReason());
      assertEquals(1, spark.read().parquet("s3a://data/out/quarantine").count());

      String local = tmp.resolve("out").toString();
      PrepJob.run(
          new PrepOptions(
              SourceSpec.of(DatasetKind.SYNTHETIC, tmp.resolve("in").toString()),
              local,
              t,
              4,
              ImageDecoder.DEFAULT_MAX_PIXELS,
              2,
              ReadPolicy.DEFAULT,
              1.0),
          spark,
          quiet);
      Map<String, byte[]> expected = read(local, new Configuration());
      Map<String, byte[]> actual = read("s3a://data/out", conf);
      assertEquals(expected.keySet(), actual.keySet());
      expected.forEach((id, tensor) -> assertArrayEquals(tensor, actual.get(id), id));
    }
  }

  private static Map<String, byte[]> read(String dir, Configuration conf) throws Exception {
    Map<String, byte[]> out = new HashMap<>();
    try (StoredOrderBatches r = StoredOrderBatches.open(dir, "train", 3, conf)) {
      for (PatchBatch b : r) {
        for (int i = 0; i < b.size(); i++) {
          out.put(b.imageIds()[i], b.image(i));
        }
      }
    }
    return out;
  }
}
