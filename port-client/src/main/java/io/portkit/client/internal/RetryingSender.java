package io.portkit.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.client.PortApiException;
import io.portkit.client.PortTransportException;
import io.portkit.client.RetryPolicy;
import io.portkit.client.Sleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link ApiCall} over HTTP, retrying as {@link RetryPolicy} and the call's {@link
 * ApiCall.Replay} allow. Returns the last answer whatever its status; throws {@link
 * PortTransportException} when no answer arrived. Thread-safe.
 */
public final class RetryingSender {
  private static final Logger log = LoggerFactory.getLogger(RetryingSender.class);

  private final HttpClient http;
  private final String base;
  private final Duration requestTimeout;
  private final String userAgent;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryPolicy policy;
  private final Random random;

  /** Creates a sender; all arguments are required. */
  public RetryingSender(
      HttpClient http,
      URI baseUri,
      Duration requestTimeout,
      String userAgent,
      ObjectMapper mapper,
      Clock clock,
      Sleeper sleeper,
      RetryPolicy policy,
      Random random) {
    this.http = Objects.requireNonNull(http, "http == null");
    String b = Objects.requireNonNull(baseUri, "baseUri == null").toString();
    // Concatenate rather than resolve, so a base path (a proxy prefix) is kept.
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout == null");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent == null");
    this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.random = Objects.requireNonNull(random, "random == null");
  }

  /**
   * Sends {@code call} with {@code authorization} (null for none) until it gets a final answer.
   *
   * @throws PortTransportException if no answer arrived within the policy
   */
  public RawResponse send(ApiCall call, String authorization) {
    HttpRequest request = request(call, authorization);
    Instant start = clock.instant();
    for (int attempt = 1; ; attempt++) {
      RawResponse response;
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        response = new RawResponse(r.statusCode(), r.headers(), r.body());
      } catch (IOException e) {
        boolean mayRetry = call.replay() == ApiCall.Replay.IDEMPOTENT || notSent(e);
        Optional<Duration> wait = mayRetry ? nextWait(attempt, start, null) : Optional.empty();
        if (wait.isEmpty()) {
          throw new PortTransportException(describe(call, attempt, e), mayRetry, e);
        }
        log.warn(
            "{} {} attempt {} failed ({}); retrying in {} ms",
            call.method(),
            call.path(),
            attempt,
            e.toString(),
            wait.get().toMillis());
        sleep(call, wait.get());
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PortTransportException(
            "interrupted calling Port API " + call.method() + " " + call.path(), false, e);
      }
      if (!shouldRetry(call, response.status())) {
        return response;
      }
      // x-ratelimit-reset says when the rate-limit window ends, which only explains a 429; on a
      // 5xx it would make a transient failure wait for (or, past maxElapsed, give up on) the
      // window.
      String reset = response.status() == 429 ? response.header("x-ratelimit-reset") : null;
      Duration server =
          ServerDelay.parse(response.header("Retry-After"), reset, clock.instant()).orElse(null);
      Optional<Duration> wait = nextWait(attempt, start, server);
      if (wait.isEmpty()) {
        return response;
      }
      log.warn(
          "{} {} attempt {} answered {}; retrying in {} ms",
          call.method(),
          call.path(),
          attempt,
          response.status(),
          wait.get().toMillis());
      sleep(call, wait.get());
    }
  }

  private static boolean shouldRetry(ApiCall call, int status) {
    if (!PortApiException.isRetryableStatus(status)) {
      return false;
    }
    // A 429 is Port refusing before doing anything; other statuses may follow partial work.
    return call.replay() == ApiCall.Replay.IDEMPOTENT || status == 429;
  }

  private Optional<Duration> nextWait(int attempt, Instant start, Duration serverDelay) {
    if (attempt >= policy.maxAttempts()) {
      return Optional.empty();
    }
    Duration wait =
        serverDelay != null ? serverDelay : policy.backoff(attempt, random.nextDouble());
    Duration elapsed = Duration.between(start, clock.instant());
    if (elapsed.plus(wait).compareTo(policy.maxElapsed()) > 0) {
      return Optional.empty();
    }
    return Optional.of(wait);
  }

  private void sleep(ApiCall call, Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortTransportException(
          "interrupted while waiting to retry " + call.method() + " " + call.path(), false, e);
    }
  }

  /** True when the failure happened before any byte of the request can have reached Port. */
  private static boolean notSent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(ApiCall call, int attempts, IOException e) {
    return "Port API "
        + call.method()
        + " "
        + call.path()
        + " failed after "
        + attempts
        + (attempts == 1 ? " attempt: " : " attempts: ")
        + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private HttpRequest request(ApiCall call, String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + call.path() + call.query()))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("User-Agent", userAgent);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (call.body() == null) {
      b.method(call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(bytes(call)));
    }
    return b.build();
  }

  private byte[] bytes(ApiCall call) {
    try {
      return mapper.writeValueAsString(call.body()).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise the body of " + call.path(), e);
    }
  }
}
