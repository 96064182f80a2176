package org.reorder.checkpoint;

/**
 * A committed checkpoint file that is not what its round's manifest says (missing, truncated,
 * altered). Its message names the file and what differs; the driver then falls back to the
 * previous committed round.
 */
public final class CorruptCheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int round;

  public CorruptCheckpointException(int round, String message) {
    super(message);
    this.round = round;
  }

  /** The round the file belongs to. */
  public int round() {
    return round;
  }
}
