package org.reorder.sweep;

import java.util.List;

/**
 * What {@link SweepDriver#run} did.
 *
 * @param roundsRun jobs (rounds) run by this invocation
 * @param complete whether every run has finished and been evaluated
 * @param outcomes one per run when complete, in sweep order (empty otherwise)
 */
public record SweepResult(int roundsRun, boolean complete, List<RunOutcome> outcomes) {}
