package io.portkit.client;

/**
 * A request to Port failed before an HTTP answer arrived: connection refused, reset, timeout, or
 * the calling thread was interrupted.
 *
 * <p>Retryable unless the thread was interrupted. Thrown after the {@link RetryPolicy} gave up, so
 * the cause is the last failure. Immutable.
 */
public class PortTransportException extends PortException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a transport exception.
   *
   * @param message what was being called and why it failed
   * @param retryable whether trying again may help
   * @param cause the I/O failure
   */
  public PortTransportException(String message, boolean retryable, Throwable cause) {
    super(message, retryable, cause);
  }
}
