package org.reorder.round;

import java.util.ArrayList;
import java.util.List;
import org.reorder.data.DataIndex;

/**
 * The scheduling of rounds as pure functions of the configuration (unit-tested without Spark):
 * which steps a round covers and which tasks a round has.
 *
 * <p>Round {@code r} (1-based) covers the global steps {@code [(r-1)K, min(rK, total))}. Each of a
 * run's R replicas trains every step on its own disjoint shard of the epoch ({@code
 * data.EpochPlan}); with R = 1 this is exactly the single-process loop.
 */
public final class RoundSchedule {
  private RoundSchedule() {}

  /** Rounds of a run of {@code totalSteps} steps with {@code stepsPerRound} steps per round. */
  public static int rounds(int totalSteps, int stepsPerRound) {
    return (totalSteps + stepsPerRound - 1) / stepsPerRound;
  }

  /** First global step of {@code round}. */
  public static int firstStep(int round, int stepsPerRound) {
    return (round - 1) * stepsPerRound;
  }

  /** One past the last global step of {@code round}. */
  public static int endStep(int round, int stepsPerRound, int totalSteps) {
    return Math.min(round * stepsPerRound, totalSteps);
  }

  /**
   * Where a run stands before a round.
   *
   * @param runId the run
   * @param nextRound the round to compute next (1 when nothing is committed)
   * @param totalSteps steps of the whole run
   * @param stepsPerEpoch steps per epoch
   * @param experimentYaml the run's resolved experiment config
   * @param checkpointDir the run's checkpoint directory
   * @param data the run's data index (what its tasks read)
   * @param injectFault the replica whose first attempt fails this round (-1: none)
   */
  public record RunPosition(String runId, int nextRound, int totalSteps, int stepsPerEpoch,
      String experimentYaml, String checkpointDir, DataIndex data, int injectFault) {}

  /**
   * The tasks of the next job: one per replica of every run that has steps left, runs in the
   * given order, replicas ascending; partition {@code p} of the job runs task {@code p}.
   */
  public static List<TaskSpec> tasks(List<RunPosition> runs, int stepsPerRound, int replicas,
      int keepCheckpoints) {
    List<TaskSpec> out = new ArrayList<>();
    for (RunPosition run : runs) {
      if (run.nextRound() > rounds(run.totalSteps(), stepsPerRound)) {
        continue; // finished
      }
      int first = firstStep(run.nextRound(), stepsPerRound);
      int end = endStep(run.nextRound(), stepsPerRound, run.totalSteps());
      for (int r = 0; r < replicas; r++) {
        out.add(new TaskSpec(run.runId(), r, replicas, run.nextRound(), first, end,
            run.stepsPerEpoch(), run.experimentYaml(), run.checkpointDir(), run.data(),
            keepCheckpoints, run.injectFault() == r));
      }
    }
    return out;
  }
}
