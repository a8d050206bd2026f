package io.portkit.examples.anonymize;

/**
 * Thrown when a snapshot cannot be made; the message names the table, column or setting at fault
 * and what to do, never a credential, and is fit to show the user as is.
 */
public final class SnapshotException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do; never null
   */
  public SnapshotException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and what to do; never null
   * @param cause the underlying failure; may be null
   */
  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
