package io.portkit.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.PortApiException;
import io.portkit.client.PortTransportException;
import io.portkit.client.RetryPolicy;
import io.portkit.client.Sleeper;
import io.portkit.client.ratelimit.RateLimitPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link ApiCall} over HTTP, retrying as {@link RetryPolicy} and the call's {@link
 * ApiCall.Replay} allow. Every attempt first passes the {@link RateGate} (held back while the
 * organization's budget is low) and every answer's rate-limit headers go back to it. A 429 is
 * waited out without counting as a failed attempt, for at most {@link RateLimitPolicy#maxWait()}
 * (ADR 0227). Returns the last answer whatever its status; throws {@link PortTransportException}
 * when no answer arrived. Thread-safe.
 */
public final class RetryingSender {
  private static final Logger log = LoggerFactory.getLogger(RetryingSender.class);

  /** A 429 asking for no wait at all still waits this long, so it cannot spin. */
  private static final Duration MIN_RATE_LIMIT_WAIT = Duration.ofMillis(100);

  private final HttpClient http;
  private final RequestFactory requests;
  private final DelayAnnouncer announcer;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryPolicy policy;
  private final Random random;
  private final RateGate gate;

  /**
   * Creates a sender with a rate-limit budget of its own and the default {@link RateLimitPolicy};
   * all arguments are required.
   */
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
    this(
        http,
        baseUri,
        requestTimeout,
        userAgent,
        mapper,
        clock,
        sleeper,
        policy,
        random,
        new RateGate(OrganizationBudget.unshared(), RateLimitPolicy.DEFAULT, clock, sleeper));
  }

  /** Creates a sender drawing on {@code gate}'s budget; all arguments are required. */
  public RetryingSender(
      HttpClient http,
      URI baseUri,
      Duration requestTimeout,
      String userAgent,
      ObjectMapper mapper,
      Clock clock,
      Sleeper sleeper,
      RetryPolicy policy,
      Random random,
      RateGate gate) {
    this.http = Objects.requireNonNull(http, "http == null");
    this.requests = new RequestFactory(baseUri, requestTimeout, userAgent, mapper);
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.random = Objects.requireNonNull(random, "random == null");
    this.gate = Objects.requireNonNull(gate, "gate == null");
    this.announcer = new DelayAnnouncer(http, requests, gate, clock);
  }

  /** Returns the gate every attempt passes. */
  public RateGate gate() {
    return gate;
  }

  /**
   * Sends {@code call} with {@code authorization} (null for none) until it gets a final answer.
   *
   * @throws PortTransportException if no answer arrived within the policy
   */
  public RawResponse send(ApiCall call, @Nullable String authorization) {
    Instant start = clock.instant();
    Duration rateLimitWait = Duration.ZERO;
    int rateLimitedAnswers = 0;
    ApiCall current = call;
    ApiCall built = null;
    HttpRequest request = null;
    for (int attempt = 1; ; ) {
      current = admit(current, authorization, rateLimitWait);
      if (current != built) {
        // A retry sends the very same request object (metrics count retries by it).
        request = requests.build(current, authorization);
        built = current;
      }
      RawResponse response;
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        response = new RawResponse(r.statusCode(), r.headers(), r.body());
      } catch (IOException e) {
        gate.abandon(current);
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
        attempt++;
        continue;
      } catch (InterruptedException e) {
        gate.abandon(current);
        Thread.currentThread().interrupt();
        throw new PortTransportException(
            "interrupted calling Port API " + call.method() + " " + call.path(), false, e);
      }
      // x-ratelimit-reset says when the rate-limit window ends, which only explains a 429; on a
      // 5xx it would make a transient failure wait for (or, past maxElapsed, give up on) the
      // window.
      String reset = response.status() == 429 ? response.header("x-ratelimit-reset") : null;
      Optional<Duration> server =
          ServerDelay.parse(response.header("Retry-After"), reset, clock.instant());
      gate.observe(current, response, clock.instant(), server);
      if (!shouldRetry(call, response.status())) {
        return response;
      }
      if (response.status() == 429) {
        // Port refused before acting and said when to come back: waiting is not a failure, so it
        // costs no attempt; only the rate-limit allowance bounds it.
        rateLimitedAnswers++;
        Duration wait =
            max(
                server.isPresent()
                    ? server.get()
                    : policy.backoff(rateLimitedAnswers, random.nextDouble()),
                MIN_RATE_LIMIT_WAIT);
        Duration allowed = gate.policy().maxWait().minus(rateLimitWait);
        if (wait.compareTo(allowed) > 0) {
          return response;
        }
        log.warn(
            "{} {} answered 429 (rate limited); retrying in {} ms",
            call.method(),
            call.path(),
            wait.toMillis());
        sleep(call, wait);
        rateLimitWait = rateLimitWait.plus(wait);
        continue;
      }
      Optional<Duration> wait = nextWait(attempt, start, server.orElse(null));
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
      attempt++;
    }
  }

  // Passes the gate; a run held back says so once: inside the log line being sent, or in a line
  // of its own sent just before the call that was held back (ADR 0228).
  private ApiCall admit(ApiCall call, @Nullable String authorization, Duration spent) {
    Duration allowance = gate.policy().maxWait().minus(spent);
    RateGate.Admission admission;
    try {
      admission = gate.admit(call, allowance.isNegative() ? Duration.ZERO : allowance);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortTransportException(
          "interrupted while waiting for Port's rate limit to send "
              + call.method()
              + " "
              + call.path(),
          false,
          e);
    }
    if (!admission.waited().isZero()) {
      log.debug(
          "{} {} ({}) held back {} ms by the rate limit",
          call.method(),
          call.path(),
          admission.priority(),
          admission.waited().toMillis());
    }
    String runId = admission.announceFor();
    if (runId == null) {
      return call;
    }
    if (CallClassifier.isRunLog(call) && call.body() instanceof ObjectNode body) {
      ObjectNode told = body.deepCopy();
      told.put("message", RateLimitPolicy.DELAY_NOTICE + "\n" + body.path("message").asText());
      return new ApiCall(call.method(), call.path(), call.query(), told, call.replay());
    }
    announcer.announce(runId, authorization);
    return call;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static boolean shouldRetry(ApiCall call, int status) {
    if (!PortApiException.isRetryableStatus(status)) {
      return false;
    }
    // A 429 is Port refusing before doing anything; other statuses may follow partial work.
    return call.replay() == ApiCall.Replay.IDEMPOTENT || status == 429;
  }

  private Optional<Duration> nextWait(int attempt, Instant start, @Nullable Duration serverDelay) {
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
}
