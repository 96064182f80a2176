package org.reorder.train;

import ai.djl.training.tracker.Tracker;

/**
 * The backbone's learning rate per update: linear warm-up to {@code peak}, optionally flat at
 * {@code peak} until a given update (the reference keeps it flat until the policy phase ends),
 * then a half cosine down to {@code minRatio * peak} at the last update.
 *
 * <p>Updates are numbered from 1, as DJL's {@link Tracker#getNewValue(int)} numbers them: update
 * {@code u <= warmup} uses {@code peak * u / warmup}, so the first update already moves.
 *
 * @param peak the learning rate after warm-up
 * @param minRatio the final learning rate as a fraction of {@code peak}
 * @param warmupUpdates length of the linear warm-up
 * @param flatUntil the cosine starts after this update (at least {@code warmupUpdates})
 * @param totalUpdates the last update of the run, where the cosine reaches its minimum
 */
public record LearningRateSchedule(
    double peak, double minRatio, int warmupUpdates, int flatUntil, int totalUpdates)
    implements Tracker {

  public LearningRateSchedule {
    if (!(peak > 0)) {
      throw new IllegalArgumentException("peak learning rate must be > 0, got " + peak);
    }
    if (!(minRatio >= 0 && minRatio <= 1)) {
      throw new IllegalArgumentException("minRatio must be in [0, 1], got " + minRatio);
    }
    if (warmupUpdates < 0 || totalUpdates < 1 || warmupUpdates > totalUpdates) {
      throw new IllegalArgumentException(
          "need 0 <= warmupUpdates <= totalUpdates, got " + warmupUpdates + " and " + totalUpdates);
    }
    if (flatUntil < 0 || flatUntil > totalUpdates) {
      throw new IllegalArgumentException(
          "flatUntil must be in [0, totalUpdates], got " + flatUntil);
    }
  }

  /** Warm-up then cosine, no flat part (the paper). */
  public static LearningRateSchedule cosine(
      double peak, double minRatio, int warmupUpdates, int totalUpdates) {
    return new LearningRateSchedule(peak, minRatio, warmupUpdates, warmupUpdates, totalUpdates);
  }

  /** The learning rate of update {@code update} (1-based). */
  public double at(int update) {
    if (update < 1) {
      throw new IllegalArgumentException("updates are numbered from 1, got " + update);
    }
    if (update <= warmupUpdates) {
      return peak * update / warmupUpdates;
    }
    int decayStart = Math.max(warmupUpdates, flatUntil);
    if (update <= decayStart || decayStart >= totalUpdates) {
      return peak;
    }
    double progress = Math.min(1.0, (update - decayStart) / (double) (totalUpdates - decayStart));
    double min = minRatio * peak;
    return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
  }

  @Override
  public float getNewValue(int numUpdate) {
    return (float) at(numUpdate);
  }
}
