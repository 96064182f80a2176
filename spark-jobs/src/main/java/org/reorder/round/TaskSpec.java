package org.reorder.round;

import java.io.Serializable;
import org.reorder.data.DataIndex;

/**
 * What one task of a round is asked to do: advance replica {@code replica} of run {@code runId}
 * over steps {@code [firstStep, endStep)}, starting from the committed round {@code round - 1}
 * (or a fresh model when {@code round == 1}), and write its model files into round {@code round}.
 *
 * @param runId the run
 * @param replica this replica, in {@code [0, replicas)}
 * @param replicas R, the run's replica count (their weights are averaged at the round start)
 * @param round the round being computed (1-based)
 * @param firstStep first global step of the round
 * @param endStep one past the last step
 * @param stepsPerEpoch steps per epoch of the run (with R replicas)
 * @param experimentYaml the run's resolved experiment config
 * @param checkpointDir the run's checkpoint directory (Hadoop path)
 * @param data the run's data index, built once by the driver
 * @param keepCheckpoints committed rounds kept (the store needs it; tasks never prune)
 * @param injectFault throw after writing the model parameters on the first attempt (tests)
 */
public record TaskSpec(String runId, int replica, int replicas, int round, int firstStep,
    int endStep, int stepsPerEpoch, String experimentYaml, String checkpointDir, DataIndex data,
    int keepCheckpoints, boolean injectFault) implements Serializable {

  public TaskSpec {
    if (replica < 0 || replica >= replicas || round < 1 || firstStep < 0 || endStep <= firstStep) {
      throw new IllegalArgumentException("invalid task " + runId + " replica " + replica + "/"
          + replicas + " round " + round + " steps [" + firstStep + ", " + endStep + ")");
    }
  }

  /** The model-parameters file of {@code replica} in a round directory. */
  public static String paramsFile(int replica) {
    return String.format("model-r%03d.params", replica);
  }

  /** The optimiser-state file of {@code replica} in a round directory. */
  public static String optimizerFile(int replica) {
    return String.format("optimizer-r%03d.bin", replica);
  }
}
