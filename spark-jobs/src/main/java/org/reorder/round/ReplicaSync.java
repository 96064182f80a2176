package org.reorder.round;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.spark.BarrierTaskContext;

/**
 * How the R replicas of a run exchange small messages during a round: REINFORCE statistics after
 * each policy step (so every replica applies the same policy update), and the digests of the
 * files of the parameter average. With R > 1 the round is a barrier stage and this is Spark's
 * {@code allGather}; one replica needs no one.
 */
interface ReplicaSync {

  /** Every replica's {@code mine}, in replica order; blocks until all have sent theirs. */
  <T extends Serializable> List<T> allGather(T mine);

  /** A run of one replica. */
  static ReplicaSync alone() {
    return new ReplicaSync() {
      @Override
      public <T extends Serializable> List<T> allGather(T mine) {
        return List.of(mine);
      }
    };
  }

  /** The replicas of a barrier stage (partition p is replica p). */
  static ReplicaSync barrier(BarrierTaskContext context) {
    return new ReplicaSync() {
      @Override
      @SuppressWarnings("unchecked")
      public <T extends Serializable> List<T> allGather(T mine) {
        String[] all = context.allGather(encode(mine));
        List<T> out = new ArrayList<>(all.length);
        for (String m : all) {
          out.add((T) decode(m));
        }
        return out;
      }
    };
  }

  private static String encode(Serializable message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static Object decode(String message) {
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(Base64.getDecoder().decode(message)))) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot decode a replica's message", e);
    }
  }
}
