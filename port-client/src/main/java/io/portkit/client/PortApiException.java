package io.portkit.client;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Port answered a request with a non-success HTTP status.
 *
 * <p>Carries the HTTP status, the request method and path (without query), Port's {@code error}
 * code and {@code message} from its {@code {"ok":false,...}} envelope when present, the {@code
 * X-Trace-Id} response header (quote it to Port support), and the response body truncated to
 * {@value #MAX_BODY_CHARS} characters. Retryable when the status is 408, 429, 502, 503 or 504.
 * Immutable.
 */
public class PortApiException extends PortException {
  private static final long serialVersionUID = 1L;

  /** The most characters of the response body kept on the exception. */
  public static final int MAX_BODY_CHARS = 2048;

  private final int statusCode;
  private final String method;
  private final String path;
  private final String errorCode;
  private final String portMessage;
  private final String traceId;
  private final String responseBody;

  /**
   * Creates an API exception; the message is derived from the fields.
   *
   * @param statusCode the HTTP status Port answered with
   * @param method the HTTP method, for example {@code PATCH}
   * @param path the request path without query string
   * @param errorCode Port's {@code error} code, or null when the body had none
   * @param portMessage Port's {@code message}, or null when the body had none
   * @param traceId the {@code X-Trace-Id} header, or null when absent
   * @param responseBody the raw response body (truncated here), or null
   */
  public PortApiException(
      int statusCode,
      String method,
      String path,
      @Nullable String errorCode,
      @Nullable String portMessage,
      @Nullable String traceId,
      @Nullable String responseBody) {
    this(null, statusCode, method, path, errorCode, portMessage, traceId, responseBody);
  }

  /**
   * Creates an API exception with an explanation placed before the derived message.
   *
   * @param explanation text prepended to the message, or null for none
   * @param statusCode the HTTP status Port answered with
   * @param method the HTTP method
   * @param path the request path without query string
   * @param errorCode Port's {@code error} code, or null
   * @param portMessage Port's {@code message}, or null
   * @param traceId the {@code X-Trace-Id} header, or null
   * @param responseBody the raw response body (truncated here), or null
   */
  protected PortApiException(
      @Nullable String explanation,
      int statusCode,
      String method,
      String path,
      @Nullable String errorCode,
      @Nullable String portMessage,
      @Nullable String traceId,
      @Nullable String responseBody) {
    super(
        message(explanation, statusCode, method, path, errorCode, portMessage, traceId),
        isRetryableStatus(statusCode));
    this.statusCode = statusCode;
    this.method = Objects.requireNonNull(method, "method == null");
    this.path = Objects.requireNonNull(path, "path == null");
    this.errorCode = errorCode;
    this.portMessage = portMessage;
    this.traceId = traceId;
    this.responseBody = truncate(responseBody);
  }

  /** Returns whether Port answered that the resource does not exist (HTTP 404). */
  public boolean isNotFound() {
    return statusCode() == 404;
  }

  /** Returns whether a response with {@code statusCode} is worth retrying (408, 429, 502-504). */
  public static boolean isRetryableStatus(int statusCode) {
    return statusCode == 408
        || statusCode == 429
        || statusCode == 502
        || statusCode == 503
        || statusCode == 504;
  }

  private static String message(
      String explanation,
      int statusCode,
      String method,
      String path,
      String errorCode,
      String portMessage,
      String traceId) {
    StringBuilder sb = new StringBuilder();
    if (explanation != null) {
      sb.append(explanation).append(' ');
    }
    sb.append("Port API ").append(method).append(' ').append(path).append(" failed: ");
    sb.append(statusCode);
    if (errorCode != null) {
      sb.append(' ').append(errorCode);
    }
    if (portMessage != null) {
      sb.append(": ").append(portMessage);
    }
    if (traceId != null) {
      sb.append(" (trace id ").append(traceId).append(')');
    }
    return sb.toString();
  }

  private static String truncate(String body) {
    if (body == null || body.length() <= MAX_BODY_CHARS) {
      return body;
    }
    return body.substring(0, MAX_BODY_CHARS) + "...(truncated)";
  }

  /** Returns the HTTP status code. */
  public int statusCode() {
    return statusCode;
  }

  /** Returns the HTTP method of the failed request. */
  public String method() {
    return method;
  }

  /** Returns the path of the failed request, without the query string. */
  public String path() {
    return path;
  }

  /** Returns Port's {@code error} code, for example {@code not_found}, if the body had one. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** Returns Port's human-readable {@code message}, if the body had one. */
  public Optional<String> portMessage() {
    return Optional.ofNullable(portMessage);
  }

  /** Returns the {@code X-Trace-Id} response header, if Port sent one. */
  public Optional<String> traceId() {
    return Optional.ofNullable(traceId);
  }

  /**
   * Returns the response body, truncated to {@value #MAX_BODY_CHARS} characters, or an empty string
   * when there was none.
   */
  public String responseBody() {
    return responseBody == null ? "" : responseBody;
  }
}
