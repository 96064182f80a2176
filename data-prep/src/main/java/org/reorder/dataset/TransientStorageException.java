package org.reorder.dataset;

import java.util.Optional;

/**
 * A storage error that is no property of the file (connection refused, timeout, 5xx, throttling)
 * and outlasted {@link ReadPolicy#ioRetries()} retries. It fails the job instead of quarantining
 * the file: an outage must not turn a dataset into quarantine rows. The message is one line naming
 * the path and the cause.
 */
public final class TransientStorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TransientStorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * This exception in {@code failure}'s cause chain, as Spark hands an executor's exception to the
   * driver (wrapped in job and write failures), if it is there.
   */
  public static Optional<TransientStorageException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TransientStorageException e) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
