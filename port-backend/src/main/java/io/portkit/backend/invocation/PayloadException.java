package io.portkit.backend.invocation;

import io.portkit.client.PortException;

/**
 * Thrown when a verified webhook body cannot be turned into a {@link RunInvocation}: it is not
 * JSON, or no run id can be found anywhere. Hosts answer it with HTTP 400.
 *
 * <p>A {@link PortException} that is never retryable: the same body fails the same way. The message
 * names what was wrong and what to change in the action's {@code invocationMethod}; it never
 * contains the body itself.
 */
public final class PayloadException extends PortException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what to fix. */
  public PayloadException(String message) {
    super(message, false);
  }
}
