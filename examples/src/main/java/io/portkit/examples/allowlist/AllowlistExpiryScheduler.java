package io.portkit.examples.allowlist;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TemporaryAllowlist#expireDue(Duration)} when the next entry is due, and at least
 * every {@code checkEvery} so that new grants are noticed; hands what was removed to a callback
 * (for example, to delete the {@code temporary_access} entities).
 *
 * <p>With Port's timer automation revoking entries ({@link TemporaryAllowlist#revoke}), this is the
 * fallback for an event the backend missed: give it a {@code grace} and it removes an entry only
 * that long after its expiry, so the automation normally comes first and this finds nothing.
 *
 * <p>{@link #start()} runs a first check at once, which removes the entries that expired while the
 * process was down. A failing check or callback is logged and the schedule goes on. Thread-safe.
 * {@link #close()} stops the schedule but leaves the executor, which the caller owns, running.
 */
public final class AllowlistExpiryScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AllowlistExpiryScheduler.class);

  private final TemporaryAllowlist allowlist;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Duration checkEvery;
  private final Duration grace;
  private final Consumer<List<AllowlistEntry>> onExpired;
  private final Object lock = new Object();
  private ScheduledFuture<?> next; // guarded by lock
  private boolean closed; // guarded by lock

  /**
   * Creates a scheduler; nothing runs until {@link #start()}.
   *
   * @param allowlist the allowlist to expire; never null
   * @param executor runs the checks; owned by the caller; never null
   * @param clock the clock deciding how long to wait for the next expiry; never null
   * @param checkEvery the longest wait between two checks; positive; never null
   * @param onExpired receives each non-empty list of removed entries; never null
   */
  public AllowlistExpiryScheduler(
      TemporaryAllowlist allowlist,
      ScheduledExecutorService executor,
      Clock clock,
      Duration checkEvery,
      Consumer<List<AllowlistEntry>> onExpired) {
    this(allowlist, executor, clock, checkEvery, Duration.ZERO, onExpired);
  }

  /**
   * Creates a fallback scheduler; nothing runs until {@link #start()}.
   *
   * @param allowlist the allowlist to expire; never null
   * @param executor runs the checks; owned by the caller; never null
   * @param clock the clock deciding how long to wait for the next expiry: the allowlist's; never
   *     null
   * @param checkEvery the longest wait between two checks; positive; never null
   * @param grace how long after its expiry an entry is left for Port's timer automation; zero or
   *     positive; never null
   * @param onExpired receives each non-empty list of removed entries; never null
   */
  public AllowlistExpiryScheduler(
      TemporaryAllowlist allowlist,
      ScheduledExecutorService executor,
      Clock clock,
      Duration checkEvery,
      Duration grace,
      Consumer<List<AllowlistEntry>> onExpired) {
    this.allowlist = requireNonNull(allowlist, "allowlist == null");
    this.executor = requireNonNull(executor, "executor == null");
    this.clock = requireNonNull(clock, "clock == null");
    this.checkEvery = requireNonNull(checkEvery, "checkEvery == null");
    this.grace = requireNonNull(grace, "grace == null");
    this.onExpired = requireNonNull(onExpired, "onExpired == null");
    if (checkEvery.isNegative() || checkEvery.isZero()) {
      throw new IllegalArgumentException("checkEvery must be positive: " + checkEvery);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
  }

  /**
   * Schedules the first check to run at once.
   *
   * @throws IllegalStateException if already started or closed
   */
  public void start() {
    synchronized (lock) {
      if (closed || next != null) {
        throw new IllegalStateException("scheduler already started or closed");
      }
      next = executor.schedule(this::check, 0, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Returns how long to wait before the next check at {@code now}: until the next expiry plus the
   * grace, but at most {@code checkEvery} and at least zero.
   *
   * @param now the current time; never null
   * @return the delay; never null
   */
  public Duration delayUntilNextCheck(Instant now) {
    requireNonNull(now, "now == null");
    return allowlist
        .nextExpiry()
        .map(expiry -> Duration.between(now, expiry.plus(grace)))
        .map(d -> d.isNegative() ? Duration.ZERO : d)
        .filter(d -> d.compareTo(checkEvery) < 0)
        .orElse(checkEvery);
  }

  /** Stops the schedule; a check already running finishes. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (next != null) {
        next.cancel(false);
      }
    }
  }

  private void check() {
    try {
      List<AllowlistEntry> removed = allowlist.expireDue(grace);
      if (!removed.isEmpty()) {
        onExpired.accept(removed);
      }
    } catch (RuntimeException e) {
      log.warn("allowlist expiry check failed; retrying in at most {}", checkEvery, e);
    }
    synchronized (lock) {
      if (!closed) {
        // Rounded up: waking a fraction of a millisecond early would only schedule another check.
        long delayMillis = delayUntilNextCheck(clock.instant()).plusNanos(999_999).toMillis();
        next = executor.schedule(this::check, delayMillis, TimeUnit.MILLISECONDS);
      }
    }
  }
}
