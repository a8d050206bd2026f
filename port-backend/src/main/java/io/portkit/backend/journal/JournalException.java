package io.portkit.backend.journal;

import io.portkit.client.PortException;

/**
 * Thrown when the run journal cannot be read or written: the directory is missing or not writable,
 * the disk is full, or the file cannot be forced to disk.
 *
 * <p>Retryable: the same operation may succeed once the disk problem is fixed. The message names
 * the file and what to check; it never contains a run's inputs.
 */
public final class JournalException extends PortException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed, on which file, and what to check
   * @param cause the I/O failure, may be null
   */
  public JournalException(String message, Throwable cause) {
    super(message, true, cause);
  }
}
