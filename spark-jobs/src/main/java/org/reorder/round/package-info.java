/**
 * Rounds: one Spark job per round in which every task advances one run replica by K steps and
 * returns small statistics. What the driver ships ({@link org.reorder.round.TaskSpec}, the
 * broadcast {@link org.reorder.round.PolicySnapshot}), what runs inside a task ({@link
 * org.reorder.round.RoundTask}) and what comes back ({@link org.reorder.round.TaskResult}) are
 * named serializable types; the scheduling is pure functions ({@link
 * org.reorder.round.RoundSchedule}).
 */
package org.reorder.round;
