package io.portkit.examples.cli;

/**
 * A setting or flag has a value the CLI cannot use; printed as one line, exit code 2. The message
 * names the setting and what is accepted, and never holds a secret.
 */
public final class BadSettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with {@code message}. */
  public BadSettingException(String message) {
    super(message);
  }
}
