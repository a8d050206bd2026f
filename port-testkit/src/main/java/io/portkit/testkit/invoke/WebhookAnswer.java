package io.portkit.testkit.invoke;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP answer a webhook receiver gave to a {@link WebhookSender} request.
 *
 * @param status the HTTP status code
 * @param headers the response headers, names lower case
 * @param body the response body bytes (empty when none)
 * @param elapsed from sending the request to receiving the whole body
 */
public record WebhookAnswer(
    int status, Map<String, List<String>> headers, byte[] body, Duration elapsed) {
  /** Validates the components and copies the collections. */
  public WebhookAnswer {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(elapsed, "elapsed == null");
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** Returns a copy of the body bytes. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Returns the body as UTF-8 text. */
  public String bodyText() {
    return new String(body, UTF_8);
  }

  /** Returns whether the status is 2xx. */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** Returns the first value of header {@code name} (any case), if present. */
  public Optional<String> header(String name) {
    Objects.requireNonNull(name, "name == null");
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookAnswer that
        && status == that.status
        && headers.equals(that.headers)
        && java.util.Arrays.equals(body, that.body)
        && elapsed.equals(that.elapsed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, java.util.Arrays.hashCode(body), elapsed);
  }

  @Override
  public String toString() {
    return "WebhookAnswer[status="
        + status
        + ", "
        + body.length
        + " bytes, "
        + elapsed.toMillis()
        + " ms]";
  }
}
