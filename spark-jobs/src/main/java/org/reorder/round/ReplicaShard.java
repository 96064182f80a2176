package org.reorder.round;

import java.util.Iterator;
import org.reorder.patch.PatchBatch;
import org.reorder.train.BatchSource;

/**
 * The training batches of one replica, by global step (see {@link RoundSchedule#batchIndex}).
 * Consecutive steps reuse one epoch iterator; a jump back or into another epoch reopens it (the
 * source is deterministic per epoch).
 */
final class ReplicaShard {
  private final BatchSource source;
  private final int replicas;
  private final int replica;
  private final int stepsPerEpoch;
  private Iterator<PatchBatch> batches;
  private int epoch = -1;
  private int position; // index of the batch batches.next() returns

  ReplicaShard(BatchSource source, int replicas, int replica, int stepsPerEpoch) {
    this.source = source;
    this.replicas = replicas;
    this.replica = replica;
    this.stepsPerEpoch = stepsPerEpoch;
  }

  /** The batch this replica trains on at global step {@code step}. */
  PatchBatch batch(int step) {
    int e = step / stepsPerEpoch;
    int index = RoundSchedule.batchIndex(step % stepsPerEpoch, replicas, replica);
    if (e != epoch || index < position) {
      batches = source.epoch(e);
      epoch = e;
      position = 0;
    }
    while (position < index) {
      batches.next(); // another replica's batch, or one trained on before this round
      position++;
    }
    position++;
    return batches.next();
  }
}
