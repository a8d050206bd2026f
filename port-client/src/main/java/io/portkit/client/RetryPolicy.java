package io.portkit.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long {@link PortClient} retries a failed call: at most {@link #maxAttempts()}
 * attempts, never past {@link #maxElapsed()} since the first one, with exponential backoff and
 * jitter between them unless Port says how long to wait ({@code Retry-After} or {@code
 * x-ratelimit-reset}).
 *
 * <p>Which calls are retried at all is fixed by the client (see {@code docs/client.md}): status
 * 408, 429, 502, 503, 504 and connection failures, and for calls that are not idempotent only when
 * the request cannot have reached Port. Immutable and thread-safe.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *     .maxAttempts(5).initialBackoff(Duration.ofMillis(200)).build();
 * }</pre>
 */
public final class RetryPolicy {
  /** The default policy: 4 attempts, 500 ms doubling to 8 s, 20% jitter, 60 s in total. */
  public static final RetryPolicy DEFAULT = builder().build();

  /** A policy that never retries. */
  public static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxElapsed;
  private final double jitter;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxElapsed = b.maxElapsed;
    this.jitter = b.jitter;
  }

  /** Returns a builder with the {@link #DEFAULT} settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the most attempts made for one call, including the first; at least 1. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Returns the backoff before the second attempt, before jitter. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Returns the upper bound of a computed backoff (not of a server-requested delay). */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * Returns the total time budget of one call, measured on the client's clock from the first
   * attempt; no retry is started whose wait would end after it.
   */
  public Duration maxElapsed() {
    return maxElapsed;
  }

  /** Returns the jitter fraction in [0, 1]: a backoff is reduced by up to this share. */
  public double jitter() {
    return jitter;
  }

  /**
   * Computes the wait before attempt {@code failedAttempts + 1}: {@code initialBackoff * 2^(n-1)},
   * capped at {@link #maxBackoff()}, then reduced by {@code jitter * random}.
   *
   * @param failedAttempts attempts made so far, at least 1
   * @param random a uniformly distributed value in [0, 1)
   * @return the wait, never negative
   */
  public Duration backoff(int failedAttempts, double random) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts < 1: " + failedAttempts);
    }
    long base = initialBackoff.toMillis();
    int shift = Math.min(failedAttempts - 1, 30);
    long exponential = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
    long capped = Math.min(exponential, maxBackoff.toMillis());
    double factor = 1.0 - jitter * Math.min(Math.max(random, 0.0), 1.0);
    return Duration.ofMillis(Math.round(capped * factor));
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxElapsed="
        + maxElapsed
        + ", jitter="
        + jitter
        + "]";
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration maxElapsed = Duration.ofSeconds(60);
    private double jitter = 0.2;

    private Builder() {}

    /**
     * Sets the most attempts per call, including the first (1 disables retries).
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Sets the backoff before the second attempt; must be positive. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive(initialBackoff, "initialBackoff");
      return this;
    }

    /** Sets the cap of a computed backoff; must be positive. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive(maxBackoff, "maxBackoff");
      return this;
    }

    /** Sets the total time budget of one call; must be positive. */
    public Builder maxElapsed(Duration maxElapsed) {
      this.maxElapsed = positive(maxElapsed, "maxElapsed");
      return this;
    }

    /**
     * Sets the jitter fraction.
     *
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0.0 && jitter <= 1.0)) {
        throw new IllegalArgumentException("jitter must be within [0, 1]: " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /** Returns the policy. */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
