package org.reorder.round;

import ai.djl.Device;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.reorder.checkpoint.FileDigest;

/**
 * The replica states an executor JVM keeps between rounds, so that a round's task which lands
 * where the same replica's previous round ran continues from memory instead of reading the
 * checkpoint back (the driver steers each task to that executor). A state is handed over only if
 * it is exactly what was committed: it completed the round before, and the files it wrote are the
 * ones the round's manifest lists; anything else (another round, a retry after a failure, a
 * restarted driver that committed less) makes the task restore from the checkpoint. At most a
 * configured number of states are kept, least recently used dropped first: each holds a model and
 * its optimizer (about 1 GB at ViT-B size); a run's last round keeps nothing.
 */
public final class ResidentReplicas {
  private static final Map<String, ReplicaState> STATES = new LinkedHashMap<>(16, 0.75f, true);

  private ResidentReplicas() {}

  /**
   * The state kept under {@code key} if it completed round {@code round} with exactly the files
   * {@code committed}, on {@code device}, and reuse is on ({@code capacity > 0}); null otherwise
   * (a stale state is closed).
   */
  static ReplicaState take(String key, String experimentYaml, Device device, int round,
      Map<String, FileDigest> committed, int capacity) {
    ReplicaState state;
    synchronized (STATES) {
      state = STATES.remove(key);
    }
    if (state == null) {
      return null;
    }
    if (capacity > 0 && state.round == round && state.files.equals(committed)
        && state.device.equals(device) && state.experimentYaml.equals(experimentYaml)) {
      return state;
    }
    state.close();
    return null;
  }

  /** Keeps {@code state} for the replica's next round, within {@code capacity} states. */
  static void keep(ReplicaState state, int capacity) {
    if (capacity < 1) {
      state.close();
      return;
    }
    synchronized (STATES) {
      ReplicaState old = STATES.put(state.key, state);
      if (old != null && old != state) {
        old.close();
      }
      Iterator<ReplicaState> lru = STATES.values().iterator();
      while (STATES.size() > capacity && lru.hasNext()) {
        ReplicaState evicted = lru.next();
        lru.remove();
        evicted.close();
      }
    }
  }

  /** The replica keys whose states this JVM keeps now (tests and diagnostics). */
  public static Set<String> keys() {
    synchronized (STATES) {
      return Set.copyOf(STATES.keySet());
    }
  }
}
