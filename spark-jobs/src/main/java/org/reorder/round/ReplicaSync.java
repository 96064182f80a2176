package org.reorder.round;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.reorder.checkpoint.CheckpointStore;

/**
 * How the R replicas of a run exchange small messages during a round: REINFORCE statistics after
 * each policy step (so every replica applies the same policy update), and the digests of the
 * files of the parameter average. With R > 1 the round is a barrier stage whose tasks talk over
 * direct connections ({@link SocketReplicaSync}); one replica needs no one.
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

  /**
   * The replicas of a barrier stage (partition p is replica p) computing round {@code round} of
   * the run whose checkpoints {@code store} holds.
   */
  static ReplicaSync barrier(BarrierTaskContext context, CheckpointStore store, int round) {
    return SocketReplicaSync.connect(context, store, round);
  }
}
