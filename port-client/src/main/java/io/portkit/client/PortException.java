package io.portkit.client;

/**
 * Root of every exception portkit throws about Port: API errors, authentication failures, transport
 * failures and misuse of a run (for example writing after its final status).
 *
 * <p>Unchecked, because most callers are handler lambdas that cannot declare checked exceptions
 * (see {@code docs/decisions/0003-unchecked-exceptions.md}). Messages never contain a secret or
 * token. Whether the failed operation may succeed when tried again is data: {@link #isRetryable()}.
 */
public class PortException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /**
   * Creates an exception with a message and no cause.
   *
   * @param message what failed and what to do; must not contain secrets
   * @param retryable whether the same call may succeed if tried again
   */
  public PortException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what failed and what to do; must not contain secrets
   * @param retryable whether the same call may succeed if tried again
   * @param cause the underlying failure, may be null
   */
  public PortException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Returns whether the same call may succeed if tried again later. */
  public boolean isRetryable() {
    return retryable;
  }
}
