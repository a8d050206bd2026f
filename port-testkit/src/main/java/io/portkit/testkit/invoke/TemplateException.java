package io.portkit.testkit.invoke;

import io.portkit.client.PortException;

/**
 * Thrown when an action's {@code invocationMethod} template cannot be rendered: a jq expression
 * that does not compile or fails at run time, or a {@code spreadValue()} over a non-object. The
 * message names the expression and where in the template it sits. Never retryable.
 */
public final class TemplateException extends PortException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with {@code message}. */
  public TemplateException(String message) {
    super(message, false);
  }

  /** Creates an exception with {@code message} caused by {@code cause}. */
  public TemplateException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
