package io.portkit.client.internal;

import io.portkit.client.Sleeper;
import io.portkit.client.ratelimit.CallPriority;
import io.portkit.client.ratelimit.RateLimitBucket;
import io.portkit.client.ratelimit.RateLimitPolicy;
import io.portkit.client.ratelimit.RateLimitStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One client's door to its organization's rate-limit budgets: classifies each call, holds it back
 * while the budget is low ({@link RateBudget#admit}), feeds every answer's headers back, and says
 * which delayed run should be told. Thread-safe.
 */
public final class RateGate {
  private final OrganizationBudget organization;
  private final RateLimitPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;

  /** Creates a gate over {@code organization}'s budgets, waiting through {@code sleeper}. */
  public RateGate(
      OrganizationBudget organization, RateLimitPolicy policy, Clock clock, Sleeper sleeper) {
    this.organization = Objects.requireNonNull(organization, "organization == null");
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
  }

  /**
   * What the gate decided for one attempt.
   *
   * @param priority the call's priority
   * @param waited how long it was held back
   * @param announceFor the run to tell about the delay now, or null
   */
  public record Admission(CallPriority priority, Duration waited, @Nullable String announceFor) {}

  /** Returns the policy. */
  public RateLimitPolicy policy() {
    return policy;
  }

  /**
   * Waits, for at most {@code allowance}, until {@code call} may go.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public Admission admit(ApiCall call, Duration allowance) throws InterruptedException {
    CallPriority priority = CallClassifier.priority(call);
    RateBudget budget = organization.bucket(CallClassifier.bucket(call));
    Duration waited = budget.admit(priority, policy, clock, sleeper, allowance);
    String announce = null;
    if (!waited.isZero() && policy.announceDelays()) {
      Optional<String> run = CallClassifier.runId(call);
      if (run.isPresent() && organization.firstDelay(run.get())) {
        announce = run.get();
      }
    }
    return new Admission(priority, waited, announce);
  }

  /** Counts a call sent without waiting (a delay notice goes with the call it explains). */
  public void takeWithoutWaiting(ApiCall call) {
    organization.bucket(CallClassifier.bucket(call)).take();
  }

  /** Forgets an admitted {@code call} that got no answer. */
  public void abandon(ApiCall call) {
    organization.bucket(CallClassifier.bucket(call)).abandon();
  }

  /** Feeds the headers of {@code response} to {@code call}'s budget. */
  public void observe(ApiCall call, RawResponse response, Instant now, Optional<Duration> delay) {
    organization.bucket(CallClassifier.bucket(call)).observe(response, now, delay);
  }

  /** Returns a read-only view of {@code bucket}, judged by this gate's policy and clock. */
  public RateLimitStatus status(RateLimitBucket bucket) {
    RateBudget budget = organization.bucket(bucket);
    return new RateLimitStatus() {
      @Override
      public RateLimitBucket bucket() {
        return bucket;
      }

      @Override
      public OptionalLong limit() {
        return budget.limit();
      }

      @Override
      public OptionalLong remaining() {
        return budget.remaining(clock);
      }

      @Override
      public Optional<Instant> resetAt() {
        return budget.resetAt(clock);
      }

      @Override
      public boolean isLow() {
        return budget.isLow(policy, clock);
      }

      @Override
      public long delayedCalls() {
        return budget.delayedCalls();
      }

      @Override
      public long delayedCalls(CallPriority priority) {
        return budget.delayedCalls(priority);
      }

      @Override
      public long rateLimitedAnswers() {
        return budget.rateLimitedAnswers();
      }

      @Override
      public String toString() {
        return "RateLimitStatus["
            + bucket
            + ", limit="
            + limit()
            + ", remaining="
            + remaining()
            + ", resetAt="
            + resetAt()
            + "]";
      }
    };
  }
}
