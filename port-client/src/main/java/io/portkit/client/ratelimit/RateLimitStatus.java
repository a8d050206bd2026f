package io.portkit.client.ratelimit;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A read-only view of one rate-limit budget of an organization, shared by every {@link
 * io.portkit.client.PortClient} of the process with the same base URI and client id. Values come
 * from the {@code x-ratelimit-*} headers of Port's answers, minus the calls sent since; they are
 * empty until the first answer. Thread-safe; every method reads the current state.
 */
public interface RateLimitStatus {
  /** Returns which of Port's budgets this is. */
  RateLimitBucket bucket();

  /** Returns {@code x-ratelimit-limit} of the last answer, or empty before any. */
  OptionalLong limit();

  /** Returns the estimated requests left in the current window, or empty when unknown. */
  OptionalLong remaining();

  /** Returns when the current window ends, or empty when unknown. */
  Optional<Instant> resetAt();

  /**
   * Returns whether the remaining budget is at or under the reserve of the {@link RateLimitPolicy}
   * (logs are then held back, and writes are worth coalescing harder).
   */
  boolean isLow();

  /** Returns how many calls have been held back before sending, since the process started. */
  long delayedCalls();

  /** Returns how many calls of {@code priority} have been held back before sending. */
  long delayedCalls(CallPriority priority);

  /** Returns how many 429 answers this budget has seen. */
  long rateLimitedAnswers();
}
