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
 * its own shard, so the round's average is computed once, not once per replica; it takes its own
 * contribution from memory and reads the other R - 1, so each replica reads (R - 1)/R of a model
 * for it whatever R is.
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
   * parameters of that shard, and sets it into {@code model}: replica {@code shard}'s (this
   * replica's) from {@code model}, every other replica's from its {@link #replicaShard} file.
   *
   * @param names the parameters of the shard, in the order the replicas wrote them
   * @param inputs every replica's digests of its shard files, in replica order (this replica's
   *     holds none for its own shard)
   * @param bytesRead adds the bytes read to element 0
   * @return the digest of the written shard
   */
  static FileDigest average(CheckpointStore store, int round, int shard, List<String> names,
      List<Map<Integer, FileDigest>> inputs, BackboneTrainer model, long[] bytesRead)
      throws IOException {
    int replicas = inputs.size();
    List<InputStream> streams = new ArrayList<>();
    try {
      List<ParameterFile.Reader> readers = new ArrayList<>();
      for (int q = 0; q < replicas; q++) {
        if (q == shard) {
          readers.add(null);
          continue;
        }
        String name = replicaShard(q, shard);
        FileDigest digest = inputs.get(q).get(shard);
        InputStream in = new BufferedInputStream(store.open(round, name, digest), 1 << 16);
        streams.add(in);
        ParameterFile.Reader reader = new ParameterFile.Reader(in,
            store.roundDir(round) + "/" + name);
        if (reader.remaining() != names.size()) {
          throw new IllegalStateException(store.roundDir(round) + "/" + name + " holds "
              + reader.remaining() + " parameters, shard " + shard + " has " + names.size());
        }
        readers.add(reader);
        bytesRead[0] += digest.bytes();
      }
      CheckpointStore.Output out = store.create(round, RunFiles.paramsShard(shard));
      try (BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16)) {
        ParameterFile.Writer writer = new ParameterFile.Writer(buffered, names.size());
        for (String name : names) {
          ParameterFile.Entry own = model.parameter(name);
          float[] sum = new float[own.values().length];
          for (int q = 0; q < replicas; q++) { // in replica order: the same bits everywhere
            ParameterFile.Entry e = q == shard ? own : readers.get(q).next();
            if (!e.name().equals(name) || !e.shape().equals(own.shape())) {
              throw new IllegalStateException("replica " + q + "'s shard " + shard + " holds "
                  + e.name() + " " + e.shape() + " where the model has " + name + " "
                  + own.shape());
            }
            float[] v = e.values();
            for (int i = 0; i < sum.length; i++) {
              sum[i] += v[i];
            }
          }
          for (int i = 0; i < sum.length; i++) {
            sum[i] /= replicas;
          }
          ParameterFile.Entry mean = new ParameterFile.Entry(name, own.shape(), sum);
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
