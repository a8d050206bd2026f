package io.portkit.tunnel.ngrok;

/**
 * Removes a secret from text and from exception chains. ngrok echoes the authtoken in some error
 * details (ERR_NGROK_105, ERR_NGROK_107: "Your authtoken: ..."), so nothing ngrok says may reach a
 * message, a log line or a cause unfiltered.
 */
final class Redaction {
  static final String MASK = "***";

  private Redaction() {}

  /** Returns {@code text} with every occurrence of {@code secret} masked; null stays null. */
  static String redact(String text, String secret) {
    if (text == null || secret == null || secret.isEmpty()) {
      return text;
    }
    return text.replace(secret, MASK);
  }

  /**
   * Returns {@code failure} itself when no message in its chain contains {@code secret}, otherwise
   * a chain of copies with masked messages and the original stack traces.
   */
  static Throwable sanitize(Throwable failure, String secret) {
    if (failure == null || !mentions(failure, secret)) {
      return failure;
    }
    Throwable copy =
        new RedactedException(
            failure.getClass().getName() + ": " + redact(failure.getMessage(), secret));
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      copy.initCause(sanitize(cause, secret));
    }
    return copy;
  }

  private static boolean mentions(Throwable failure, String secret) {
    if (secret == null || secret.isEmpty()) {
      return false;
    }
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      String message = t.getMessage();
      if (message != null && message.contains(secret)) {
        return true;
      }
    }
    return false;
  }

  /** Stands in for an exception whose message mentioned a secret; the message names its type. */
  static final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedException(String message) {
      super(message);
    }
  }
}
