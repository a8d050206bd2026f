package io.portkit.webhook.http;

import io.portkit.backend.invocation.RequestHeaders;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * An HTTP request as any server stack sees it: method, path, headers and an unread body stream.
 *
 * <p>The body stays a stream so that {@link WebhookEndpoint} can enforce its size limit while
 * reading, not after. The endpoint reads it at most once; the host closes it.
 *
 * @param method the HTTP method, for example {@code POST}
 * @param path the request path without query string, for example {@code /manual}
 * @param headers the request headers
 * @param body the unread request body
 * @param declaredLength the {@code Content-Length}, or -1 when unknown (chunked)
 */
public record WebhookRequest(
    String method, String path, RequestHeaders headers, InputStream body, long declaredLength) {
  /** Validates the components. */
  public WebhookRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    if (declaredLength < -1) {
      throw new IllegalArgumentException("declaredLength < -1: " + declaredLength);
    }
  }

  /** Returns a request whose body is {@code body}, with its length declared. */
  public static WebhookRequest of(String method, String path, RequestHeaders headers, byte[] body) {
    Objects.requireNonNull(body, "body == null");
    return new WebhookRequest(method, path, headers, new ByteArrayInputStream(body), body.length);
  }
}
