package io.portkit.client.internal;

import java.net.http.HttpHeaders;
import java.util.Objects;

/**
 * An HTTP answer from Port before interpretation.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body as text, empty when none
 */
public record RawResponse(int status, HttpHeaders headers, String body) {
  /** Validates the fields. */
  public RawResponse {
    Objects.requireNonNull(headers, "headers == null");
    body = body == null ? "" : body;
  }

  /** Returns the first value of {@code name}, or null. */
  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** Returns whether the status is 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
