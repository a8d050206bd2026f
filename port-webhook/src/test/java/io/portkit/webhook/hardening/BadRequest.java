package io.portkit.webhook.hardening;

/**
 * One generated bad request and the answer it must get.
 *
 * @param name what is wrong with it, printed on failure
 * @param wire the exact request bytes
 * @param status the expected status
 * @param error the expected {@code error} code of the JSON body
 * @param messageStart how the expected {@code message} starts, or "" to check only that it is set
 */
record BadRequest(String name, byte[] wire, int status, String error, String messageStart) {
  static BadRequest of(String name, Wire wire, int status, String error, String messageStart) {
    return new BadRequest(name, wire.bytes(), status, error, messageStart);
  }

  static BadRequest notJson(String name, Wire wire) {
    return of(name, wire, 400, "bad_request", "body is not valid JSON");
  }

  static BadRequest of400(String name, Wire wire) {
    return of(name, wire, 400, "bad_request", "body is not valid");
  }

  static BadRequest tooBig(String name, Wire wire) {
    return of(name, wire, 400, "bad_request", "body exceeds a JSON parser bound");
  }

  static BadRequest noRunId(String name, Wire wire) {
    return of(name, wire, 400, "bad_request", "no run id in the webhook");
  }

  /** A request the JDK server refuses by closing the connection, before portkit sees it. */
  static BadRequest closed(String name, Wire wire) {
    return of(name, wire, CLOSED, "", "");
  }

  /** The expected status of {@link #closed}: no answer, the connection closed. */
  static final int CLOSED = -1;

  static BadRequest unauthorized(String name, Wire wire, String messageStart) {
    return of(name, wire, 401, "unauthorized", messageStart);
  }
}
