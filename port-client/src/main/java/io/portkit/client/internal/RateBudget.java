package io.portkit.client.internal;

import io.portkit.client.Sleeper;
import io.portkit.client.ratelimit.CallPriority;
import io.portkit.client.ratelimit.RateLimitBucket;
import io.portkit.client.ratelimit.RateLimitPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One of an organization's rate-limit budgets as this process sees it: the last {@code
 * x-ratelimit-*} headers, minus the calls sent since, and the gate every call passes before it is
 * sent. State is guarded by a {@link ReentrantLock} that is never held while waiting, and waits go
 * through the client's {@link Sleeper}, so they are interruptible and never pin a virtual thread.
 * Thread-safe.
 */
public final class RateBudget {
  /** The shortest wait, so that a window ending now (by the clock's rounding) cannot spin. */
  private static final long MIN_WAIT_MILLIS = 10;

  /** Answers whose resets are this close are taken as the same window (delta resets drift). */
  private static final long SAME_WINDOW_MILLIS = 1_000;

  private static final CallPriority[] PRIORITIES = CallPriority.values();

  private final RateLimitBucket bucket;
  private final ReentrantLock lock = new ReentrantLock();
  private final int[] waiting = new int[PRIORITIES.length];
  private final LongAdder[] delayed = new LongAdder[PRIORITIES.length];
  private final AtomicLong rateLimited = new AtomicLong();
  // Guarded by lock; -1 / Long.MIN_VALUE while unknown.
  private long limit = -1;
  private long remaining = -1;
  private long periodMillis = -1;
  private long resetAtMillis = Long.MIN_VALUE;
  // The same reset in System.nanoTime, so that a window also ends for a clock that stands still
  // (a fixed clock, or a test clock nobody moves).
  private long resetNanos;
  // Calls admitted and not yet answered: at a window's end some are still on their way and may be
  // counted by Port in the next window.
  private long inFlight;

  /** Creates an empty budget: every call goes until the first answer says otherwise. */
  public RateBudget(RateLimitBucket bucket) {
    this.bucket = bucket;
    for (int i = 0; i < delayed.length; i++) {
      delayed[i] = new LongAdder();
    }
  }

  /** Returns which of Port's budgets this is. */
  public RateLimitBucket bucket() {
    return bucket;
  }

  /**
   * Lets a call of {@code priority} go, first waiting while the budget is at or under its reserve
   * plus one request for each waiting call of a higher priority. Waits through {@code sleeper}
   * until the window resets (on {@code clock}, or in real time for a clock that stands still),
   * checks again, and after {@code allowance} lets the call go anyway: Port has the last word, and
   * a 429 is handled by the caller. The lock is never held while sleeping.
   *
   * @return how long the call was held back, {@link Duration#ZERO} when it went at once
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public Duration admit(
      CallPriority priority,
      RateLimitPolicy policy,
      Clock clock,
      Sleeper sleeper,
      Duration allowance)
      throws InterruptedException {
    Duration slept = Duration.ZERO;
    boolean registered = false;
    try {
      while (true) {
        Duration wait;
        lock.lockInterruptibly();
        try {
          long now = clock.millis();
          rollWindow(now);
          if (!policy.gate() || !known() || priority == CallPriority.AUTHENTICATION) {
            take();
            return slept;
          }
          if (remaining > policy.reserveFor(priority, limit) + waitersAbove(priority)) {
            remaining--;
            inFlight++;
            return slept;
          }
          Duration left = allowance.minus(slept);
          if (left.isNegative() || left.isZero()) {
            take();
            return slept;
          }
          if (!registered) {
            registered = true;
            waiting[priority.ordinal()]++;
            delayed[priority.ordinal()].increment();
          }
          // The clock decides how long; the real-time reset only ends a window for a clock that
          // stands still (rollWindow), which a sleep of the clock's length then always covers.
          long untilReset = resetAtMillis - now;
          wait = Duration.ofMillis(Math.max(MIN_WAIT_MILLIS, untilReset));
          wait = wait.compareTo(left) > 0 ? left : wait;
        } finally {
          lock.unlock();
        }
        sleeper.sleepForBudget(wait);
        slept = slept.plus(wait);
      }
    } finally {
      if (registered) {
        lock.lock();
        try {
          waiting[priority.ordinal()]--;
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /**
   * Reads the {@code x-ratelimit-*} headers of an answer. A later window replaces what is known; an
   * answer from the current window can only lower the estimate (calls are in flight); an answer
   * from an earlier window is ignored. A 429 without the headers marks the budget spent for {@code
   * serverDelay}.
   */
  public void observe(RawResponse response, Instant now, Optional<Duration> serverDelay) {
    OptionalLong headerLimit = number(response.header("x-ratelimit-limit"));
    OptionalLong headerRemaining = number(response.header("x-ratelimit-remaining"));
    OptionalLong headerPeriod = number(response.header("x-ratelimit-period"));
    Optional<Duration> untilReset =
        ServerDelay.rateLimitReset(response.header("x-ratelimit-reset"), now);
    boolean tooMany = response.status() == 429;
    if (tooMany) {
      rateLimited.incrementAndGet();
    }
    boolean headers =
        headerLimit.isPresent() && headerRemaining.isPresent() && untilReset.isPresent();
    lock.lock();
    try {
      inFlight = Math.max(0, inFlight - 1);
      if (headers) {
        long reset = now.toEpochMilli() + untilReset.get().toMillis();
        boolean sameWindow =
            resetAtMillis != Long.MIN_VALUE && Math.abs(reset - resetAtMillis) < SAME_WINDOW_MILLIS;
        if (sameWindow) {
          remaining = Math.min(remaining, headerRemaining.getAsLong());
          limit = headerLimit.getAsLong();
        } else if (resetAtMillis == Long.MIN_VALUE || reset > resetAtMillis) {
          limit = headerLimit.getAsLong();
          remaining = headerRemaining.getAsLong();
          setReset(reset, now.toEpochMilli());
          headerPeriod.ifPresent(p -> periodMillis = p * 1000);
        }
      }
      if (tooMany && !headers) {
        // No window to go by: hold calls back for the asked wait, then let them probe. With the
        // headers, they say what is left (0 when the budget is spent) and when it resets, exactly
        // where Retry-After is rounded up to whole seconds.
        long until = now.toEpochMilli() + serverDelay.orElse(Duration.ofSeconds(1)).toMillis();
        limit = Math.max(limit, 1);
        remaining = 0;
        setReset(Math.max(resetAtMillis, until), now.toEpochMilli());
      }
    } finally {
      lock.unlock();
    }
  }

  /** Returns {@code x-ratelimit-limit}, or empty before any answer. */
  public OptionalLong limit() {
    lock.lock();
    try {
      return limit < 0 ? OptionalLong.empty() : OptionalLong.of(limit);
    } finally {
      lock.unlock();
    }
  }

  /** Returns the estimated requests left in the window, or empty when unknown. */
  public OptionalLong remaining(Clock clock) {
    lock.lock();
    try {
      rollWindow(clock.millis());
      return known() ? OptionalLong.of(remaining) : OptionalLong.empty();
    } finally {
      lock.unlock();
    }
  }

  /** Returns when the window ends, or empty when unknown. */
  public Optional<Instant> resetAt(Clock clock) {
    lock.lock();
    try {
      rollWindow(clock.millis());
      return known() ? Optional.of(Instant.ofEpochMilli(resetAtMillis)) : Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** Returns whether the remaining budget is at or under the policy's reserve for logs. */
  public boolean isLow(RateLimitPolicy policy, Clock clock) {
    lock.lock();
    try {
      rollWindow(clock.millis());
      return known() && remaining <= policy.reserveFor(CallPriority.LOG, limit);
    } finally {
      lock.unlock();
    }
  }

  /** Returns how many calls of {@code priority} were held back. */
  public long delayedCalls(CallPriority priority) {
    return delayed[priority.ordinal()].sum();
  }

  /** Returns how many calls were held back. */
  public long delayedCalls() {
    long sum = 0;
    for (LongAdder d : delayed) {
      sum += d.sum();
    }
    return sum;
  }

  /** Returns how many 429 answers were seen. */
  public long rateLimitedAnswers() {
    return rateLimited.get();
  }

  /** Counts a call sent without passing the gate (a delay notice). */
  public void take() {
    lock.lock();
    try {
      inFlight++;
      if (remaining > 0) {
        remaining--;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Forgets a call admitted that got no answer (a connection failure). */
  public void abandon() {
    lock.lock();
    try {
      inFlight = Math.max(0, inFlight - 1);
    } finally {
      lock.unlock();
    }
  }

  private boolean known() {
    return limit >= 0 && remaining >= 0 && resetAtMillis != Long.MIN_VALUE;
  }

  // A window that has ended on this clock starts the next with the whole limit; the next answer
  // corrects the estimate if others in the organization spent some of it.
  private void rollWindow(long now) {
    if (resetAtMillis == Long.MIN_VALUE || limit < 0) {
      return;
    }
    if (now < resetAtMillis && System.nanoTime() - resetNanos < 0) {
      return;
    }
    // Calls still in flight may land in the new window: keep room for them.
    remaining = Math.max(0, limit - inFlight);
    if (periodMillis > 0) {
      long behind = Math.max(0, now - resetAtMillis) / periodMillis + 1;
      setReset(resetAtMillis + behind * periodMillis, now);
    } else {
      resetAtMillis = Long.MIN_VALUE; // unknown until the next answer
    }
  }

  private void setReset(long atMillis, long nowMillis) {
    resetAtMillis = atMillis;
    resetNanos =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, atMillis - nowMillis));
  }

  private long waitersAbove(CallPriority priority) {
    long sum = 0;
    for (int i = 0; i < priority.ordinal(); i++) {
      sum += waiting[i];
    }
    return sum;
  }

  private static Duration waited(boolean registered, long startNanos) {
    return registered
        ? Duration.ofNanos(Math.max(1, System.nanoTime() - startNanos))
        : Duration.ZERO;
  }

  private static OptionalLong number(String value) {
    if (value == null || value.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      long n = Long.parseLong(value.trim());
      return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
