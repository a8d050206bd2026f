package io.portkit.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fixed-window request counter producing Port's {@code x-ratelimit-*} headers. Windows are
 * aligned to multiples of the period since the epoch, by the injected clock. Thread-safe.
 */
public final class RateLimiter {
  /**
   * The outcome for one request.
   *
   * @param allowed whether the request is within the limit
   * @param headers the {@code x-ratelimit-*} headers to send
   * @param retryAfterSeconds seconds until the window resets (at least 1)
   */
  public record Decision(boolean allowed, Map<String, String> headers, long retryAfterSeconds) {}

  private final Clock clock;
  private final int limit;
  private final long periodSeconds;
  private long windowStart = Long.MIN_VALUE;
  private int used;

  /**
   * Creates a limiter allowing {@code limit} requests per {@code period} (whole seconds, at least
   * 1).
   */
  public RateLimiter(Clock clock, int limit, Duration period) {
    this.clock = clock;
    this.limit = limit;
    this.periodSeconds = Math.max(1, period.toSeconds());
  }

  /** Counts one request when {@code counted}, and returns the decision and headers. */
  public synchronized Decision acquire(boolean counted) {
    long now = clock.instant().getEpochSecond();
    long start = now - Math.floorMod(now, periodSeconds);
    if (start != windowStart) {
      windowStart = start;
      used = 0;
    }
    boolean allowed = !counted || used < limit;
    if (counted && allowed) {
      used++;
    }
    long reset = windowStart + periodSeconds;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-ratelimit-period", Long.toString(periodSeconds));
    headers.put("x-ratelimit-limit", Integer.toString(limit));
    headers.put("x-ratelimit-remaining", Integer.toString(Math.max(0, limit - used)));
    headers.put("x-ratelimit-reset", Long.toString(reset));
    return new Decision(allowed, headers, Math.max(1, reset - now));
  }

  /** Starts a fresh window. */
  public synchronized void reset() {
    windowStart = Long.MIN_VALUE;
    used = 0;
  }
}
