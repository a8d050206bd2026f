package io.portkit.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fixed-window request counters producing Port's {@code x-ratelimit-*} headers, one per budget Port
 * documents for an organization: unauthenticated requests (the token route), the entities API, and
 * all other requests. Each budget allows the configured limit per window. Windows are aligned to
 * multiples of the period since the epoch, by the injected clock. Thread-safe.
 */
public final class RateLimiter {
  /** The budgets Port counts an organization's requests in (ADR 0229). */
  public enum Bucket {
    /** Requests without a token: {@code POST /v1/auth/access_token}. */
    UNAUTHENTICATED,
    /** {@code /v1/entities...} and {@code /v1/blueprints/{blueprint}/entities...}. */
    ENTITIES,
    /** Every other route. */
    GENERAL
  }

  /**
   * The outcome for one request.
   *
   * @param allowed whether the request is within the limit
   * @param headers the {@code x-ratelimit-*} headers to send
   * @param retryAfterSeconds seconds until the window resets (at least 1)
   */
  public record Decision(boolean allowed, Map<String, String> headers, long retryAfterSeconds) {}

  private static final String TOKEN_PATH = "/v1/auth/access_token";

  private final Clock clock;
  private final int limit;
  private final long periodSeconds;
  private final Map<Bucket, long[]> windows = new EnumMap<>(Bucket.class);

  /**
   * Creates a limiter allowing {@code limit} requests per {@code period} (whole seconds, at least
   * 1) in each budget.
   */
  public RateLimiter(Clock clock, int limit, Duration period) {
    this.clock = clock;
    this.limit = limit;
    this.periodSeconds = Math.max(1, period.toSeconds());
  }

  /** Returns the budget a request to {@code path} is counted in. */
  public static Bucket bucket(String path) {
    if (path.equals(TOKEN_PATH)) {
      return Bucket.UNAUTHENTICATED;
    }
    if (path.startsWith("/v1/entities")) {
      return Bucket.ENTITIES;
    }
    if (path.startsWith("/v1/blueprints/")) {
      int next = path.indexOf('/', "/v1/blueprints/".length());
      if (next > 0 && path.startsWith("/entities", next)) {
        return Bucket.ENTITIES;
      }
    }
    return Bucket.GENERAL;
  }

  /**
   * Counts one request to {@code path} when {@code counted}, and returns the decision and the
   * headers of its budget.
   */
  public synchronized Decision acquire(String path, boolean counted) {
    long now = clock.instant().getEpochSecond();
    long start = now - Math.floorMod(now, periodSeconds);
    // [window start, used]
    long[] window = windows.computeIfAbsent(bucket(path), b -> new long[] {start, 0});
    if (window[0] != start) {
      window[0] = start;
      window[1] = 0;
    }
    boolean allowed = !counted || window[1] < limit;
    if (counted && allowed) {
      window[1]++;
    }
    long reset = start + periodSeconds;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-ratelimit-period", Long.toString(periodSeconds));
    headers.put("x-ratelimit-limit", Integer.toString(limit));
    headers.put("x-ratelimit-remaining", Long.toString(Math.max(0, limit - window[1])));
    headers.put("x-ratelimit-reset", Long.toString(reset));
    return new Decision(allowed, headers, Math.max(1, reset - now));
  }

  /** Starts fresh windows. */
  public synchronized void reset() {
    windows.clear();
  }
}
