package org.reorder.round;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.reorder.train.BackboneTrainer;

/**
 * How a model's parameters are spread over a round's R shard files: each parameter, in the
 * block's order, goes to the shard with the fewest bytes so far (the lowest index on a tie). The
 * shards are then within one parameter of the same size, so the R replicas of a run can each
 * average one shard, and a pure function of the model config, so every task deals them alike.
 */
final class ParameterShards {
  private ParameterShards() {}

  /** The parameter names of each of {@code shards} shards of {@code model}. */
  static List<List<String>> deal(BackboneTrainer model, int shards) {
    List<List<String>> out = new ArrayList<>();
    long[] bytes = new long[shards];
    for (int s = 0; s < shards; s++) {
      out.add(new ArrayList<>());
    }
    for (Pair<String, Parameter> p : model.parameters()) {
      int least = 0;
      for (int s = 1; s < shards; s++) {
        least = bytes[s] < bytes[least] ? s : least;
      }
      out.get(least).add(p.getKey());
      bytes[least] += p.getValue().getArray().size() * Float.BYTES;
    }
    return out;
  }
}
