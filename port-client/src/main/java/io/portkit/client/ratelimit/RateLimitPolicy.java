package io.portkit.client.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link io.portkit.client.PortClient} spends Port's rate-limit budget: how much of it to keep
 * for urgent calls, how long a call may wait for it, and whether a delayed run says so in its log.
 * Immutable and thread-safe.
 *
 * <p>When the remaining budget of a window falls to the reserve ({@link #reserve()} times the
 * limit), calls wait for the next window in order of {@link CallPriority}: logs first, then run
 * updates, reads, entity writes; a final status waits only when nothing is left. A 429 is waited
 * out ({@code Retry-After}, else {@code x-ratelimit-reset}) without counting as a failed attempt,
 * for at most {@link #maxWait()} per call.
 *
 * <pre>{@code
 * PortClient port = PortClient.builder()
 *     .credentials(ClientCredentials.fromEnv())
 *     .rateLimitPolicy(RateLimitPolicy.builder().reserve(0.2).maxWait(Duration.ofMinutes(2)).build())
 *     .build();
 * }</pre>
 */
public final class RateLimitPolicy {
  /** The text a run delayed by the budget finds once in its log. */
  public static final String DELAY_NOTICE = "Reporting delayed due to low remaining rate limit";

  /** The defaults: reserve 10% of the limit, wait at most 6 minutes, announce delays. */
  public static final RateLimitPolicy DEFAULT = builder().build();

  /** Never holds a call back before sending it; a 429 is still waited out, as by default. */
  public static final RateLimitPolicy NO_GATE = builder().gate(false).build();

  private final boolean gate;
  private final double reserve;
  private final Duration maxWait;
  private final boolean announceDelays;

  private RateLimitPolicy(Builder b) {
    this.gate = b.gate;
    this.reserve = b.reserve;
    this.maxWait = b.maxWait;
    this.announceDelays = b.announceDelays;
  }

  /** Returns a builder with the {@link #DEFAULT} settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns whether calls are held back when the budget is low (default true). */
  public boolean gate() {
    return gate;
  }

  /**
   * Returns the share of the limit kept for urgent calls, in [0, 1) (default 0.1). Logs wait when
   * the remaining budget is at most this share of the limit; run updates at 3/4 of it, reads at
   * 1/2, entity writes at 1/4; a final status only at zero.
   */
  public double reserve() {
    return reserve;
  }

  /**
   * Returns the longest one call waits for the budget in total: before it is sent, and after each
   * 429 (default 6 minutes, a little more than Port's documented 5-minute window). A 429 asking for
   * longer fails the call at once with that 429.
   */
  public Duration maxWait() {
    return maxWait;
  }

  /**
   * Returns whether a run whose call was held back says so once in its log ({@link #DELAY_NOTICE};
   * default true).
   */
  public boolean announceDelays() {
    return announceDelays;
  }

  /** Returns the reserve, in requests, below which calls of {@code priority} wait. */
  public long reserveFor(CallPriority priority, long limit) {
    double share =
        switch (priority) {
          case AUTHENTICATION, FINAL_STATUS -> 0.0;
          case ENTITY_WRITE -> 0.25;
          case READ -> 0.5;
          case RUN_UPDATE -> 0.75;
          case LOG -> 1.0;
        };
    return (long) Math.floor(reserve * share * limit);
  }

  @Override
  public String toString() {
    return "RateLimitPolicy[gate="
        + gate
        + ", reserve="
        + reserve
        + ", maxWait="
        + maxWait
        + ", announceDelays="
        + announceDelays
        + "]";
  }

  /** Builds a {@link RateLimitPolicy}. Not thread-safe. */
  public static final class Builder {
    private boolean gate = true;
    private double reserve = 0.1;
    private Duration maxWait = Duration.ofMinutes(6);
    private boolean announceDelays = true;

    private Builder() {}

    /** Sets whether calls are held back when the budget is low. */
    public Builder gate(boolean gate) {
      this.gate = gate;
      return this;
    }

    /**
     * Sets the share of the limit kept for urgent calls.
     *
     * @throws IllegalArgumentException if outside [0, 1)
     */
    public Builder reserve(double reserve) {
      if (!(reserve >= 0.0 && reserve < 1.0)) {
        throw new IllegalArgumentException(
            "reserve is a share of the rate limit and must be within [0, 1), for example 0.1: "
                + reserve);
      }
      this.reserve = reserve;
      return this;
    }

    /**
     * Sets the longest one call waits for the budget.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxWait(Duration maxWait) {
      Objects.requireNonNull(maxWait, "maxWait == null");
      if (maxWait.isNegative() || maxWait.isZero()) {
        throw new IllegalArgumentException(
            "maxWait must be positive, for example Duration.ofMinutes(6): " + maxWait);
      }
      this.maxWait = maxWait;
      return this;
    }

    /** Sets whether a delayed run says so once in its log. */
    public Builder announceDelays(boolean announceDelays) {
      this.announceDelays = announceDelays;
      return this;
    }

    /** Returns the policy. */
    public RateLimitPolicy build() {
      return new RateLimitPolicy(this);
    }
  }
}
