package org.reorder.round;

import java.io.Serializable;
import org.reorder.checkpoint.Manifest;
import org.reorder.data.DataIndex;

/**
 * What one task of a round is asked to do: advance replica {@code replica} of run {@code runId}
 * over steps {@code [firstStep, endStep)}, starting from the committed round {@code round - 1}
 * (or a fresh model when {@code round == 1}), and write its files into round {@code round}.
 *
 * @param runKey names the run across processes (its run directory and id): executors keep
 *     replica states under it between rounds
 * @param runId the run
 * @param replica this replica, in {@code [0, replicas)}
 * @param replicas R, the run's replica count
 * @param round the round being computed (1-based)
 * @param attempt the driver's attempt at this round (a failed barrier stage is submitted again)
 * @param firstStep first global step of the round
 * @param endStep one past the last step
 * @param stepsPerEpoch steps per epoch of the run (with R replicas)
 * @param experimentYaml the run's resolved experiment config
 * @param checkpointDir the run's checkpoint directory (Hadoop path)
 * @param data the run's data index, built once by the driver
 * @param policyJson the committed policy ({@code PolicyCheckpoint} JSON; null in fixed runs)
 * @param committed the manifest of round {@code round - 1} (null when {@code round == 1})
 * @param residentReplicas replica states an executor keeps between rounds (0: none)
 */
public record TaskSpec(String runKey, String runId, int replica, int replicas, int round,
    int attempt, int firstStep, int endStep, int stepsPerEpoch, String experimentYaml, String checkpointDir,
    DataIndex data, String policyJson, Manifest committed, int residentReplicas)
    implements Serializable {

  public TaskSpec {
    if (replica < 0 || replica >= replicas || round < 1 || firstStep < 0 || endStep <= firstStep
        || (round > 1) != (committed != null)) {
      throw new IllegalArgumentException("invalid task " + runId + " replica " + replica + "/"
          + replicas + " round " + round + " steps [" + firstStep + ", " + endStep + ")");
    }
  }

  /** The key of this replica's state in an executor. */
  String replicaKey() {
    return runKey + "#" + replica + "/" + replicas;
  }
}
