package org.reorder.round;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reorder.checkpoint.CheckpointStore;
import org.reorder.train.BackboneTrainer;

/**
 * Restores a replica from a committed round: its own optimiser state, and the parameters averaged
 * over the run's R replicas (local SGD: every replica starts a round from the same average). The
 * files come from the Hadoop file system into a local directory because {@link BackboneTrainer}
 * reads {@code java.nio} paths.
 */
public final class ReplicaWeights {
  private ReplicaWeights() {}

  /**
   * Loads round {@code round} of {@code store} into {@code model} as replica {@code replica} of
   * {@code replicas}; {@code scratch} is an empty local directory the caller deletes.
   */
  public static void restore(BackboneTrainer model, CheckpointStore store, int round, int replica,
      int replicas, Path scratch) throws IOException {
    if (replicas == 1) {
      model.load(fetch(store, round, replica, scratch));
      return;
    }
    // Sum the replicas' parameters in replica order (a fixed order: every task gets the same
    // float sums), then load this replica's own files and overwrite its parameters with the mean.
    List<NDArray> sums = new ArrayList<>();
    for (int r = 0; r < replicas; r++) {
      model.load(fetch(store, round, r, scratch));
      List<Pair<String, Parameter>> params = model.parameters();
      for (int k = 0; k < params.size(); k++) {
        NDArray value = params.get(k).getValue().getArray();
        if (r == 0) {
          sums.add(value.duplicate());
        } else {
          sums.get(k).addi(value);
        }
      }
    }
    model.load(fetch(store, round, replica, scratch));
    List<Pair<String, Parameter>> params = model.parameters();
    for (int k = 0; k < params.size(); k++) {
      NDArray value = params.get(k).getValue().getArray();
      NDArray mean = sums.get(k).divi(replicas);
      value.muli(0).addi(mean); // in place, outside autograd, as the optimiser updates do
      mean.close();
    }
  }

  /** Copies replica {@code replica}'s files of {@code round} to {@code scratch/r<replica>}. */
  private static Path fetch(CheckpointStore store, int round, int replica, Path scratch)
      throws IOException {
    Path dir = scratch.resolve("r" + replica);
    Files.createDirectories(dir);
    Files.write(dir.resolve(BackboneTrainer.PARAMS_FILE),
        store.read(round, TaskSpec.paramsFile(replica)));
    Files.write(dir.resolve(BackboneTrainer.OPTIMIZER_FILE),
        store.read(round, TaskSpec.optimizerFile(replica)));
    return dir;
  }
}
