package io.portkit.examples.allowlist;

/**
 * Thrown when an IP address or CIDR range given by a user is not acceptable; the message says what
 * is wrong and what to give instead, and is fit to show the user as is.
 */
public final class InvalidIpRangeException extends IllegalArgumentException {

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the input and what to do; never null
   */
  public InvalidIpRangeException(String message) {
    super(message);
  }
}
