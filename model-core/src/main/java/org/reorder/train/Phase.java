package org.reorder.train;

import java.util.Locale;

/** The curriculum phase a training step belongs to. */
public enum Phase {
  /** A run without a policy: the configured order throughout. */
  FIXED,
  /** REOrder epochs before the policy phase: the prior order. */
  WARMUP,
  /** Orders sampled from the Plackett-Luce policy, which learns by REINFORCE. */
  POLICY,
  /** The policy's mode, frozen at the end of the policy phase. */
  FINETUNE;

  /** The name written to metrics, e.g. {@code policy}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
