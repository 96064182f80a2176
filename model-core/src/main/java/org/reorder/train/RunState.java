package org.reorder.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The loop's position, saved as {@code state.json} in every checkpoint. All randomness is derived
 * from {@code (seed, purpose, step or epoch)} (see {@link Seeds}), so the position and the seed
 * are the whole RNG state.
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param step steps completed; the next step has this index
 * @param epoch epoch of the next step
 * @param stepInEpoch batches of that epoch already trained on
 * @param stepsPerEpoch steps per epoch when the checkpoint was written (a resumed run must agree)
 * @param seed the run seed
 * @param phase phase of the next step
 * @param baseline the REINFORCE reward baseline (NaN-free; 0 without a policy)
 */
public record RunState(
    @JsonProperty("format_version") int formatVersion,
    @JsonProperty("step") int step,
    @JsonProperty("epoch") int epoch,
    @JsonProperty("step_in_epoch") int stepInEpoch,
    @JsonProperty("steps_per_epoch") int stepsPerEpoch,
    @JsonProperty("seed") long seed,
    @JsonProperty("phase") String phase,
    @JsonProperty("baseline") double baseline) {

  public static final int FORMAT_VERSION = 1;

  public RunState {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("state.json has format_version " + formatVersion
          + ", this code reads " + FORMAT_VERSION);
    }
    if (step < 0 || stepsPerEpoch < 1 || epoch != step / stepsPerEpoch
        || stepInEpoch != step % stepsPerEpoch) {
      throw new IllegalArgumentException("state.json is inconsistent: step " + step + ", epoch "
          + epoch + ", step_in_epoch " + stepInEpoch + ", steps_per_epoch " + stepsPerEpoch);
    }
  }
}
