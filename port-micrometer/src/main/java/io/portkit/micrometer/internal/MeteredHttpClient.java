package io.portkit.micrometer.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that times each request to Port's API ({@code portkit.port.api.requests}),
 * counts retries ({@code portkit.port.api.retries}: the Port client re-sends the very same request
 * object, on the same thread, when it retries) and times token fetches ({@code
 * portkit.port.token.fetches}). Remembers the last status per thread for {@link MeteredSleeper}.
 * Thread-safe; everything else is the delegate's.
 */
public final class MeteredHttpClient extends HttpClient {
  /** The token route of Port's API. */
  static final String TOKEN_ROUTE = "/v1/auth/access_token";

  private static final ThreadLocal<HttpRequest> LAST_REQUEST = new ThreadLocal<>();
  private static final ThreadLocal<Integer> LAST_STATUS = new ThreadLocal<>();

  private final HttpClient delegate;
  private final MeterRegistry registry;
  private final Tags common;

  /** Wraps {@code delegate}, recording into {@code registry} with {@code common} tags. */
  public MeteredHttpClient(HttpClient delegate, MeterRegistry registry, Tags common) {
    this.delegate = delegate;
    this.registry = registry;
    this.common = common;
  }

  /** Returns the status of the last answer on this thread (0 for none or no answer). */
  static int lastStatus() {
    Integer s = LAST_STATUS.get();
    return s == null ? 0 : s;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    String route = RouteTemplates.of(request.uri().getRawPath());
    if (LAST_REQUEST.get() == request) {
      Counter.builder("portkit.port.api.retries")
          .description("Requests to Port's API sent again after a retryable answer or failure")
          .tags(common)
          .tag("method", request.method())
          .tag("route", route)
          .register(registry)
          .increment();
    }
    LAST_REQUEST.set(request);
    LAST_STATUS.set(0);
    long start = System.nanoTime();
    try {
      HttpResponse<T> response = delegate.send(request, handler);
      LAST_STATUS.set(response.statusCode());
      record(request.method(), route, statusClass(response.statusCode()), start);
      token(route, tokenOutcome(response.statusCode()), start);
      return response;
    } catch (IOException e) {
      record(request.method(), route, "io_error", start);
      token(route, "error", start);
      throw e;
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return sendAsync(request, handler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    String route = RouteTemplates.of(request.uri().getRawPath());
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<T>> f =
        push == null
            ? delegate.sendAsync(request, handler)
            : delegate.sendAsync(request, handler, push);
    return f.whenComplete(
        (response, error) -> {
          String status = response != null ? statusClass(response.statusCode()) : "io_error";
          record(request.method(), route, status, start);
          token(route, response != null ? tokenOutcome(response.statusCode()) : "error", start);
        });
  }

  private void record(String method, String route, String status, long start) {
    Timer.builder("portkit.port.api.requests")
        .description("Requests to Port's API, each attempt")
        .tags(common)
        .tag("method", method)
        .tag("route", route)
        .tag("status", status)
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - start));
  }

  private void token(String route, String outcome, long start) {
    if (!TOKEN_ROUTE.equals(route)) {
      return;
    }
    Timer.builder("portkit.port.token.fetches")
        .description("Access token requests to Port")
        .tags(common)
        .tag("outcome", outcome)
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - start));
  }

  static String statusClass(int status) {
    return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
  }

  private static String tokenOutcome(int status) {
    if (status >= 200 && status < 300) {
      return "success";
    }
    return status == 401 || status == 403 ? "refused" : "error";
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public String toString() {
    return "MeteredHttpClient[" + delegate + "]";
  }
}
