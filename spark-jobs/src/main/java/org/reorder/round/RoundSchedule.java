package org.reorder.round;


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
}
