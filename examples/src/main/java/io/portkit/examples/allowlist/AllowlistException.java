package io.portkit.examples.allowlist;

/**
 * Thrown when a grant is refused (bad run id or duration) or the allowlist files cannot be read or
 * written; the message names the problem and the file or value involved, and is fit to show the
 * user as is.
 */
public final class AllowlistException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do; never null
   */
  public AllowlistException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and what to do; never null
   * @param cause the underlying failure; may be null
   */
  public AllowlistException(String message, Throwable cause) {
    super(message, cause);
  }
}
