/**
 * The learned patch order: a Plackett-Luce distribution over permutations with one logit per
 * patch ({@link org.reorder.policy.PlackettLucePolicy}), trained by REINFORCE with a momentum
 * baseline, AdamW and gradient clipping ({@link org.reorder.policy.ReinforceOptimizer}).
 *
 * <p>Pure Java in double precision: no DJL. The pieces that cross a process boundary are plain
 * values: the policy (a logit vector, serializable, broadcast by the driver) and {@link
 * org.reorder.policy.ReinforceStats} (a monoid that executors return and the driver merges).
 * {@link org.reorder.policy.PolicyCheckpoint} saves and loads the whole optimizer state as JSON,
 * bit-exactly. The math and the options are documented in {@code docs/policy.md}.
 */
package org.reorder.policy;
