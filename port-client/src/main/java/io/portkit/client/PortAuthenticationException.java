package io.portkit.client;

import org.jspecify.annotations.Nullable;

/**
 * Port refused the credentials or the access token: the token endpoint answered 401/403, or an API
 * route still answered 401 after one token refresh and replay.
 *
 * <p>Not retryable: check {@code PORT_CLIENT_ID} / {@code PORT_CLIENT_SECRET} and the region (base
 * URL). The message names the client id at most, never the secret or a token. Immutable.
 */
public class PortAuthenticationException extends PortApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an authentication exception.
   *
   * @param explanation what was refused and what to check
   * @param statusCode the HTTP status Port answered with
   * @param method the HTTP method
   * @param path the request path without query string
   * @param errorCode Port's {@code error} code, or null
   * @param portMessage Port's {@code message}, or null
   * @param traceId the {@code X-Trace-Id} header, or null
   * @param responseBody the raw response body, or null
   */
  public PortAuthenticationException(
      String explanation,
      int statusCode,
      String method,
      String path,
      @Nullable String errorCode,
      @Nullable String portMessage,
      @Nullable String traceId,
      @Nullable String responseBody) {
    super(explanation, statusCode, method, path, errorCode, portMessage, traceId, responseBody);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
