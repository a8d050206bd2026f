package io.portkit.testkit.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route: a method, a path template in Port's notation ({@code /v1/blueprints/{identifier}}),
 * whether it needs a bearer token, and its handler. The template is kept so the route can be named
 * against Port's list of routes ({@link PortApiRoutes}); each {@code {name}} segment matches one
 * path segment and is handed to the handler URL-decoded.
 *
 * @param method upper-case HTTP method
 * @param template path template, {@code {name}} for a path parameter
 * @param path full-match pattern compiled from the template
 * @param authenticated whether a valid bearer token is required
 * @param handler the code answering it
 */
public record Route(
    String method, String template, Pattern path, boolean authenticated, Handler handler) {
  private static final Pattern PARAMETER = Pattern.compile("\\{[^/}]+}");

  /** Answers one request; throws {@link ApiError} for error answers. */
  @FunctionalInterface
  public interface Handler {
    /** Answers {@code request}. */
    ApiResponse handle(ApiRequest request);
  }

  /** Returns an authenticated route for {@code method} and the path {@code template}. */
  public static Route auth(String method, String template, Handler handler) {
    return new Route(method, template, compile(template), true, handler);
  }

  /** Returns a route that needs no token. */
  public static Route open(String method, String template, Handler handler) {
    return new Route(method, template, compile(template), false, handler);
  }

  /** Returns {@code method + " " + template}, the key Port's route list uses. */
  public String key() {
    return method + " " + template;
  }

  /** Compiles a template into a full-match pattern: literal text quoted, parameters one segment. */
  static Pattern compile(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher parameter = PARAMETER.matcher(template);
    int last = 0;
    while (parameter.find()) {
      regex.append(Pattern.quote(template.substring(last, parameter.start()))).append("([^/]+)");
      last = parameter.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(regex.toString());
  }
}
