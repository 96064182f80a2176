package org.reorder.train;

/**
 * Derives independent seeds from the run seed, a purpose and an index (epoch or step), so every
 * random choice of a run is a pure function of {@code (seed, purpose, index)}: nothing random is
 * carried from one step to the next, which is what makes resuming exact and lets a distributed
 * worker reproduce the step it is given.
 */
public final class Seeds {
  /** Shuffling of the training split, indexed by epoch. */
  public static final String SHUFFLE = "shuffle";
  /** The engine's random stream (dropout), restarted before every step. */
  public static final String ENGINE = "engine";
  /** Permutation samples of the policy, indexed by step. */
  public static final String POLICY = "policy";
  /** Parameter initialisation. */
  public static final String INIT = "init";
  /** Bootstrap resampling of validation results, indexed by epoch. */
  public static final String BOOTSTRAP = "bootstrap";

  private Seeds() {}

  /** A well-mixed 64-bit seed for {@code purpose} at {@code index}. */
  public static long derive(long seed, String purpose, long index) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (int i = 0; i < purpose.length(); i++) {
      h = mix(h ^ purpose.charAt(i));
    }
    return mix(h ^ mix(index + 0x632BE59BD9B4E019L));
  }

  /** The finaliser of SplittableRandom (Stafford variant 13). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
