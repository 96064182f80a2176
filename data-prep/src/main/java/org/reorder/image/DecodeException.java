package org.reorder.image;

/** An image that cannot become a patch tensor, with the quarantine reason that says why. */
public final class DecodeException extends Exception {
  private final Reason reason;

  public DecodeException(Reason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public DecodeException(Reason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Why an input was quarantined; {@link #code()} is what the quarantine table stores. */
  public enum Reason {
    UNREADABLE("unreadable"),
    TOO_LARGE("too-large"),
    NOT_A_FILE("not-a-file"),
    DANGLING_LINK("dangling-link"),
    LINK_LOOP("link-loop"),
    STRAY_FILE("stray-file"),
    EMPTY_FILE("empty-file"),
    UNKNOWN_FORMAT("unknown-format"),
    TRUNCATED("truncated"),
    CORRUPT("corrupt"),
    DECOMPRESSION_BOMB("decompression-bomb"),
    TOO_SMALL("too-small"),
    MISSING_METADATA("missing-metadata"),
    MALFORMED_METADATA("malformed-metadata"),
    UNKNOWN_LABEL("unknown-label");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
