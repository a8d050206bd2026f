package io.portkit.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A scripted misbehaviour for the next matching requests: fail with a status, drop the connection,
 * or add latency.
 *
 * <pre>{@code
 * port.inject(Fault.failNext(2, 503).on("PATCH", "/v1/actions/runs/").retryAfter(Duration.ofSeconds(1)));
 * port.inject(Fault.dropNext(1).on("POST", "/v1/auth/access_token"));
 * port.inject(Fault.delayNext(5, Duration.ofMillis(200)));          // any route
 * }</pre>
 *
 * <p>A fault matches a request when the method matches ({@code "*"} matches any) and the path
 * starts with the prefix, or, after {@link #onPattern}, fully matches the regular expression. It
 * applies to the next {@link #times()} matching requests, then is spent. Faults apply to Port's
 * routes only, never to the {@code /__emulator} admin routes. Immutable and thread-safe.
 */
public final class Fault {
  /** What a fault does to a matching request. */
  public enum Kind {
    /** Answer with {@link #status()} and Port's error envelope (error {@code emulated_fault}). */
    FAIL,
    /** Close the connection without sending a response. */
    DROP,
    /**
     * Wait {@link #latency()} through the emulator's {@link io.portkit.client.Sleeper}, then serve
     * normally.
     */
    DELAY
  }

  private final Kind kind;
  private final int times;
  private final String method;
  private final String pathPrefix;
  private final Pattern pathPattern;
  private final int status;
  private final Duration retryAfter;
  private final Duration latency;

  private Fault(
      Kind kind,
      int times,
      String method,
      String pathPrefix,
      Pattern pathPattern,
      int status,
      Duration retryAfter,
      Duration latency) {
    if (times < 1) {
      throw new IllegalArgumentException(
          "times < 1: " + times + "; a fault applies to at least one request");
    }
    this.kind = kind;
    this.times = times;
    this.method = method;
    this.pathPrefix = pathPrefix;
    this.pathPattern = pathPattern;
    this.status = status;
    this.retryAfter = retryAfter;
    this.latency = latency;
  }

  /**
   * Fails the next {@code times} matching requests with {@code status}.
   *
   * @throws IllegalArgumentException if {@code times < 1} or {@code status} is not in 400..599
   */
  public static Fault failNext(int times, int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599 to fail a request: " + status);
    }
    return new Fault(Kind.FAIL, times, "*", "/", null, status, null, Duration.ZERO);
  }

  /**
   * Closes the connection of the next {@code times} matching requests without answering.
   *
   * @throws IllegalArgumentException if {@code times < 1}
   */
  public static Fault dropNext(int times) {
    return new Fault(Kind.DROP, times, "*", "/", null, 0, null, Duration.ZERO);
  }

  /**
   * Delays the next {@code times} matching requests by {@code latency}, then serves them.
   *
   * @throws IllegalArgumentException if {@code times < 1} or {@code latency} is negative
   */
  public static Fault delayNext(int times, Duration latency) {
    Objects.requireNonNull(latency, "latency == null");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency is negative: " + latency);
    }
    return new Fault(Kind.DELAY, times, "*", "/", null, 0, null, latency);
  }

  /**
   * Returns a copy restricted to {@code method} ({@code "*"} for any) and paths starting with
   * {@code pathPrefix}.
   *
   * @throws IllegalArgumentException if {@code pathPrefix} does not start with {@code /}
   */
  public Fault on(String method, String pathPrefix) {
    Objects.requireNonNull(pathPrefix, "pathPrefix == null");
    if (!pathPrefix.startsWith("/")) {
      throw new IllegalArgumentException("pathPrefix must start with /: " + pathPrefix);
    }
    return new Fault(
        kind, times, normalizeMethod(method), pathPrefix, null, status, retryAfter, latency);
  }

  /**
   * Returns a copy restricted to {@code method} ({@code "*"} for any) and paths fully matching the
   * regular expression {@code pathRegex}, for example {@code "/v1/actions/runs/[^/]+/logs"}.
   *
   * @throws IllegalArgumentException if {@code pathRegex} is not a valid regular expression
   */
  public Fault onPattern(String method, String pathRegex) {
    Objects.requireNonNull(pathRegex, "pathRegex == null");
    Pattern pattern;
    try {
      pattern = Pattern.compile(pathRegex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "pathRegex is not a valid regular expression: " + pathRegex, e);
    }
    return new Fault(
        kind, times, normalizeMethod(method), null, pattern, status, retryAfter, latency);
  }

  /**
   * Returns a copy of a {@link Kind#FAIL} fault that also sends {@code Retry-After} in whole
   * seconds (rounded up).
   *
   * @throws IllegalStateException if this fault is not a {@link Kind#FAIL} fault
   * @throws IllegalArgumentException if {@code retryAfter} is negative
   */
  public Fault retryAfter(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter == null");
    if (kind != Kind.FAIL) {
      throw new IllegalStateException("retryAfter applies to failNext faults only, not " + kind);
    }
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter is negative: " + retryAfter);
    }
    return new Fault(kind, times, method, pathPrefix, pathPattern, status, retryAfter, latency);
  }

  /** Returns whether this fault applies to a request with {@code method} and {@code path}. */
  public boolean matches(String method, String path) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    if (!this.method.equals("*") && !this.method.equalsIgnoreCase(method)) {
      return false;
    }
    return pathPattern != null ? pathPattern.matcher(path).matches() : path.startsWith(pathPrefix);
  }

  /** Returns what this fault does. */
  public Kind kind() {
    return kind;
  }

  /** Returns how many matching requests this fault applies to. */
  public int times() {
    return times;
  }

  /** Returns the upper-case method matched, or {@code "*"} for any. */
  public String method() {
    return method;
  }

  /** Returns the path prefix matched, or empty when a pattern is used. */
  public Optional<String> pathPrefix() {
    return Optional.ofNullable(pathPrefix);
  }

  /** Returns the path regular expression matched, or empty when a prefix is used. */
  public Optional<String> pathPattern() {
    return Optional.ofNullable(pathPattern).map(Pattern::pattern);
  }

  /** Returns the status a {@link Kind#FAIL} fault answers with, else {@code 0}. */
  public int status() {
    return status;
  }

  /** Returns the {@code Retry-After} of a {@link Kind#FAIL} fault, if set. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Returns the latency of a {@link Kind#DELAY} fault, else {@link Duration#ZERO}. */
  public Duration latency() {
    return latency;
  }

  private static String normalizeMethod(String method) {
    Objects.requireNonNull(method, "method == null");
    if (method.isBlank()) {
      throw new IllegalArgumentException(
          "method is blank: pass an HTTP method such as PATCH, or * for any");
    }
    return method.trim().toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    String route = pathPattern != null ? "~" + pathPattern.pattern() : pathPrefix + "*";
    return "Fault["
        + kind
        + " x"
        + times
        + " "
        + method
        + " "
        + route
        + (kind == Kind.FAIL ? " status=" + status : "")
        + (retryAfter != null ? " retryAfter=" + retryAfter : "")
        + (kind == Kind.DELAY ? " latency=" + latency : "")
        + "]";
  }
}
