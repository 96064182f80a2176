package org.reorder.round;

import ai.djl.Device;
import java.util.Map;
import org.reorder.checkpoint.FileDigest;
import org.reorder.data.DataSplits;
import org.reorder.policy.ReinforceOptimizer;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.CurriculumPlan;

/**
 * The live state of one replica of a run in an executor: the backbone with its optimizer, the
 * replica's copy of the policy, its data stream, and which committed files it equals. A task
 * builds one from a checkpoint, or takes over the one its executor kept from the previous round
 * ({@link ResidentReplicas}).
 */
final class ReplicaState implements AutoCloseable {
  final String key;
  final String experimentYaml;
  final Device device;
  final CurriculumPlan plan;
  final BackboneTrainer model;
  final DataSplits data;
  ReinforceOptimizer policy; // null in fixed runs
  /** The last round this state completed (0: fresh). */
  int round;
  /** The files of that round this state equals: the parameter shards and its optimizer. */
  Map<String, FileDigest> files = Map.of();

  ReplicaState(String key, String experimentYaml, Device device, CurriculumPlan plan,
      BackboneTrainer model, DataSplits data) {
    this.key = key;
    this.experimentYaml = experimentYaml;
    this.device = device;
    this.plan = plan;
    this.model = model;
    this.data = data;
  }

  @Override
  public void close() {
    data.close();
    model.close();
  }
}
