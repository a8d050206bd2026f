package io.portkit.testkit.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.portkit.testkit.Fault;
import io.portkit.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The emulator's HTTP handler: body limit, faults, rate limit, routing, auth, envelopes, headers
 * and journal, in that order. Thread-safe; one instance serves all requests.
 */
public final class RequestPipeline implements HttpHandler {
  /** Port's documented body limit: 1 MiB. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final String TOKEN_PATH = "/v1/auth/access_token";
  private static final System.Logger LOG = System.getLogger(RequestPipeline.class.getName());

  private final EmulatorCore core;

  /** Creates the handler over {@code core}. */
  public RequestPipeline(EmulatorCore core) {
    this.core = core;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Instant time = core.clock().instant();
    String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean tooLarge = readBody(exchange.getRequestBody(), body);
    // The token route's body holds the client secret: it never reaches the journal.
    String journalBody =
        path.equals(TOKEN_PATH) ? null : tooLarge ? "[body over 1 MiB]" : body.toString(UTF_8);
    boolean admin = path.startsWith("/__emulator");
    Fault fault = admin ? null : core.faults().take(method, path);
    if (fault != null && fault.kind() == Fault.Kind.DROP) {
      core.journal().record(new RecordedRequest(method, path, query, 0, time, null, journalBody));
      exchange.close(); // no headers sent: the JDK server closes the connection
      return;
    }
    if (fault != null && fault.kind() == Fault.Kind.DELAY) {
      delay(fault);
    }
    String traceId = core.ids().traceId();
    RateLimiter.Decision limit = core.rateLimiter().acquire(path, !admin);
    Map<String, String> headers = new LinkedHashMap<>(limit.headers());
    headers.put("X-Trace-Id", traceId);
    int status;
    byte[] out;
    try {
      ApiResponse response =
          answer(fault, limit, tooLarge, method, path, query, body.toByteArray(), exchange);
      status = response.status();
      out = Json.write(response.body()).getBytes(UTF_8);
    } catch (ApiError e) {
      status = e.status();
      headers.putAll(e.headers());
      out = Json.write(envelope(e.error(), e.getMessage())).getBytes(UTF_8);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "emulator bug answering " + method + " " + path, e);
      status = 500;
      out = Json.write(envelope("internal_error", "The emulator failed: " + e)).getBytes(UTF_8);
    }
    if (!admin) {
      // Admin calls stay out of the journal so tests can assert on exactly their backend's calls.
      core.journal()
          .record(new RecordedRequest(method, path, query, status, time, traceId, journalBody));
    }
    send(exchange, status, headers, out);
  }

  private ApiResponse answer(
      Fault fault,
      RateLimiter.Decision limit,
      boolean tooLarge,
      String method,
      String path,
      String query,
      byte[] body,
      HttpExchange exchange) {
    if (fault != null && fault.kind() == Fault.Kind.FAIL) {
      Map<String, String> extra =
          fault
              .retryAfter()
              .map(d -> Map.of("Retry-After", Long.toString((d.toMillis() + 999) / 1000)))
              .orElse(Map.of());
      throw new ApiError(
          fault.status(), "emulated_fault", "Fault injected by the emulator: " + fault, extra);
    }
    if (!limit.allowed()) {
      throw new ApiError(
          429,
          "rate_limit_exceeded",
          "Rate limit exceeded; retry after " + limit.retryAfterSeconds() + "s",
          Map.of("Retry-After", Long.toString(limit.retryAfterSeconds())));
    }
    if (tooLarge) {
      throw new ApiError(413, "payload_too_large", "Request body is too large (limit is 1MiB)");
    }
    for (Route route : core.routes()) {
      Matcher matcher = route.path().matcher(path);
      if (route.method().equals(method) && matcher.matches()) {
        if (route.authenticated()) {
          authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        }
        List<String> params = new ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
          params.add(decode(matcher.group(i)));
        }
        return route.handler().handle(ApiRequest.of(method, path, params, query, body));
      }
    }
    throw notServed(method, path);
  }

  // A path of Port's API the emulator does not serve is a gap in the emulator, not a missing
  // resource: 501 names the route and where Port documents it, so a test never mistakes it for 404.
  private static ApiError notServed(String method, String path) {
    if (!path.startsWith("/v1/")) {
      return new ApiError(
          404,
          "route_not_found",
          "No route "
              + method
              + " "
              + path
              + ": Port's API lives under /v1 and the emulator's admin routes under /__emulator;"
              + " see docs/testing-with-port-testkit.md");
    }
    return PortApiRoutes.find(method, path)
        .map(
            route ->
                new ApiError(
                    501,
                    "not_emulated",
                    "Port's route \""
                        + route.name()
                        + "\" ("
                        + route.key()
                        + ") is not emulated by portkit's emulator; Port documents it at "
                        + route.docsUrl()
                        + " and docs/testing-with-port-testkit.md lists the routes the emulator"
                        + " serves"))
        .orElseGet(
            () ->
                new ApiError(
                    501,
                    "not_emulated",
                    "The emulator does not serve "
                        + method
                        + " "
                        + path
                        + " and does not know it as one of Port's routes; check the method and"
                        + " path against "
                        + PortApiRoutes.REFERENCE
                        + " and docs/testing-with-port-testkit.md"));
  }

  private void authenticate(String authorization) {
    TokenStore.Rejection rejection = core.tokens().check(authorization);
    if (rejection == null) {
      return;
    }
    switch (rejection) {
      case MISSING ->
          throw new ApiError(
              401,
              "missing_token",
              "No Authorization header: send \"Authorization: Bearer <accessToken>\" from POST /v1/auth/access_token");
      case EXPIRED ->
          throw new ApiError(
              401,
              "token_expired",
              "The access token has expired: request a new one from POST /v1/auth/access_token");
      default ->
          throw new ApiError(
              401,
              "invalid_token",
              "The access token is not valid: send \"Authorization: Bearer <accessToken>\" from POST /v1/auth/access_token");
    }
  }

  private void delay(Fault fault) {
    try {
      core.sleeper().sleep(fault.latency());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // shutting down: answer at once
    }
  }

  // Reads the whole body so the client can finish sending, keeping at most 1 MiB + 1 byte.
  private static boolean readBody(InputStream in, ByteArrayOutputStream kept) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      if (total < MAX_BODY_BYTES + 1) {
        kept.write(buffer, 0, (int) Math.min(n, MAX_BODY_BYTES + 1 - total));
      }
      total += n;
    }
    return total > MAX_BODY_BYTES;
  }

  // '+' is literal in a path segment (entity ids may hold it); only %XX is decoded.
  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), UTF_8);
  }

  private static ObjectNode envelope(String error, String message) {
    return Json.object().put("ok", false).put("error", error).put("message", message);
  }

  private static void send(
      HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
