package org.reorder.round;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.reorder.checkpoint.CheckpointStore;
import org.reorder.checkpoint.FileDigest;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.ParameterFile;
import org.reorder.train.RunFiles;

/**
 * One replica's part of averaging a round's parameters over the R replicas (local SGD): shard
 * {@code s} of the mean, from shard {@code s} of every replica's parameters. Each replica averages
 * its own shard, so the round's average is computed once, not once per replica, and each replica
 * reads one model's worth of bytes for it whatever R is.
 *
 * <p>The sum runs in replica order in float32, then divides by R: every replica, every retry and a
 * restore see the same bits.
 */
final class ReplicaAverage {
  private ReplicaAverage() {}

  /** A replica's parameters of one shard, before averaging (a temporary file of the round). */
  static String replicaShard(int replica, int shard) {
    return String.format("replica-r%03d-s%03d.params", replica, shard);
  }

  /**
   * Writes {@code RunFiles.paramsShard(shard)} of round {@code round} as the mean of the replicas'
   * {@link #replicaShard} files and sets it into {@code model}.
   *
   * @param inputs every replica's digests of its shard files, in replica order
   * @param bytesRead adds the bytes read to element 0
   * @return the digest of the written shard
   */
  static FileDigest average(CheckpointStore store, int round, int shard,
      List<Map<Integer, FileDigest>> inputs, BackboneTrainer model, long[] bytesRead)
      throws IOException {
    int replicas = inputs.size();
    List<InputStream> streams = new ArrayList<>();
    try {
      List<ParameterFile.Reader> readers = new ArrayList<>();
      for (int q = 0; q < replicas; q++) {
        String name = replicaShard(q, shard);
        FileDigest digest = inputs.get(q).get(shard);
        InputStream in = new BufferedInputStream(store.open(round, name, digest), 1 << 16);
        streams.add(in);
        readers.add(new ParameterFile.Reader(in, store.roundDir(round) + "/" + name));
        bytesRead[0] += digest.bytes();
      }
      int count = readers.get(0).remaining();
      CheckpointStore.Output out = store.create(round, RunFiles.paramsShard(shard));
      try (BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16)) {
        ParameterFile.Writer writer = new ParameterFile.Writer(buffered, count);
        for (int k = 0; k < count; k++) {
          ParameterFile.Entry first = readers.get(0).next();
          float[] sum = first.values();
          for (int q = 1; q < replicas; q++) {
            ParameterFile.Entry e = readers.get(q).next();
            if (!e.name().equals(first.name()) || !e.shape().equals(first.shape())) {
              throw new IllegalStateException("replica " + q + "'s shard " + shard + " holds "
                  + e.name() + " " + e.shape() + " where replica 0's holds " + first.name() + " "
                  + first.shape());
            }
            float[] v = e.values();
            for (int i = 0; i < sum.length; i++) {
              sum[i] += v[i];
            }
          }
          for (int i = 0; i < sum.length; i++) {
            sum[i] /= replicas;
          }
          ParameterFile.Entry mean = new ParameterFile.Entry(first.name(), first.shape(), sum);
          writer.write(mean);
          model.setParameter(mean);
        }
        writer.finish();
      }
      return out.digest();
    } finally {
      for (InputStream in : streams) {
        in.close(); // checks each file's checksum
      }
    }
  }
}
