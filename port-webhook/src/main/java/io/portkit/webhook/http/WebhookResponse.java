package io.portkit.webhook.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import java.util.Objects;

/**
 * An HTTP response for the host to write: status, headers and a body (JSON unless empty).
 *
 * @param status the HTTP status code
 * @param headers response headers, including {@code Content-Type}
 * @param body the response body; may be empty
 */
public record WebhookResponse(int status, Map<String, String> headers, byte[] body) {
  /** Validates and copies the components. */
  public WebhookResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599, got " + status);
    }
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers == null"));
    body = Objects.requireNonNull(body, "body == null").clone();
  }

  /** Returns the body as a copy, so the record stays immutable. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Returns the body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookResponse r
        && r.status == status
        && r.headers.equals(headers)
        && java.util.Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "WebhookResponse[status=" + status + ", bytes=" + body.length + "]";
  }
}
