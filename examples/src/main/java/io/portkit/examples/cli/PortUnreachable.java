package io.portkit.examples.cli;

import io.portkit.client.PortAuthenticationException;
import io.portkit.client.PortTransportException;
import java.net.URI;

/**
 * A runtime failure of a CLI command that talks to Port, phrased for the person at the terminal:
 * the URL that could not be reached, or whose credentials were refused, and what to check. The CLI
 * prints it as one line and exits 1.
 */
public final class PortUnreachable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private PortUnreachable(String message, Throwable cause) {
    super(message, cause);
  }

  /** Port did not answer at {@code api}. */
  static PortUnreachable at(URI api, PortTransportException e) {
    return new PortUnreachable(
        "cannot reach Port at "
            + api
            + " ("
            + rootCause(e)
            + "): is the demo, the emulator or the backend's Port running there? Check "
            + Settings.API_URL
            + " (or --api-url)",
        e);
  }

  /** Port at {@code api} refused the credentials of {@code clientId}. */
  static PortUnreachable refused(URI api, String clientId, PortAuthenticationException e) {
    return new PortUnreachable(
        "Port at "
            + api
            + " refused the credentials of client id "
            + clientId
            + " (HTTP "
            + e.statusCode()
            + "): check "
            + Settings.CLIENT_ID
            + " and "
            + Settings.CLIENT_SECRET
            + ", and that "
            + Settings.API_URL
            + " / "
            + Settings.REGION
            + " name your organization's region",
        e);
  }

  /** What went wrong, in words: the JDK's client nests the useful exception at any depth. */
  private static String rootCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return "connection refused";
      }
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof java.net.http.HttpTimeoutException) {
        return "timed out";
      }
    }
    Throwable first = e.getCause() != null ? e.getCause() : e;
    return first.getClass().getSimpleName();
  }
}
