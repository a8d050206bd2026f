package io.portkit.testkit.internal;

import java.util.Map;

/** An error answer in Port's envelope {@code {"ok":false,"error":...,"message":...}}. */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String error;
  private final Map<String, String> headers;

  /**
   * Creates an error answered with {@code status}, error code {@code error} and {@code message}.
   */
  public ApiError(int status, String error, String message) {
    this(status, error, message, Map.of());
  }

  /** As {@link #ApiError(int, String, String)}, plus response headers such as Retry-After. */
  public ApiError(int status, String error, String message, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.error = error;
    this.headers = Map.copyOf(headers);
  }

  /** Returns a 404 {@code not_found} for an unknown id. */
  public static ApiError notFound(String what, String id) {
    return new ApiError(404, "not_found", what + " with identifier \"" + id + "\" was not found");
  }

  /** Returns a 422 {@code invalid_request}: the body does not match the route's schema. */
  public static ApiError invalid(String detail) {
    return new ApiError(
        422, "invalid_request", "The json provided does not match the route's schema: " + detail);
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns Port's error code. */
  public String error() {
    return error;
  }

  /** Returns extra response headers. */
  public Map<String, String> headers() {
    return headers;
  }
}
