package io.portkit.testkit.internal;

import java.util.regex.Pattern;

/**
 * One route: a method, a path pattern whose groups are path parameters, whether it needs a bearer
 * token, and its handler.
 *
 * @param method upper-case HTTP method
 * @param path full-match path pattern
 * @param authenticated whether a valid bearer token is required
 * @param handler the code answering it
 */
public record Route(String method, Pattern path, boolean authenticated, Handler handler) {
  /** Answers one request; throws {@link ApiError} for error answers. */
  @FunctionalInterface
  public interface Handler {
    /** Answers {@code request}. */
    ApiResponse handle(ApiRequest request);
  }

  /** Returns an authenticated route for {@code method} and the regular expression {@code path}. */
  public static Route auth(String method, String path, Handler handler) {
    return new Route(method, Pattern.compile(path), true, handler);
  }

  /** Returns a route that needs no token. */
  public static Route open(String method, String path, Handler handler) {
    return new Route(method, Pattern.compile(path), false, handler);
  }
}
