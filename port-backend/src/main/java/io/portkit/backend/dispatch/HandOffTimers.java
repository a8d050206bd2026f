package io.portkit.backend.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One timer per awaited hand-off, on the dispatcher's scheduler and clock. When a timer fires and
 * the clock says the deadline has not passed (a test clock standing still), it looks again later.
 * Without a scheduler ({@link HandOffs#remote}) nothing is armed. Thread-safe.
 */
final class HandOffTimers {
  private static final Logger log = LoggerFactory.getLogger(HandOffTimers.class);

  /** The least wait before looking again at a deadline the clock says is still ahead. */
  private static final long RECHECK_MILLIS = 1000;

  private final Map<String, Future<?>> armed = new ConcurrentHashMap<>();
  private final @Nullable ScheduledExecutorService timers;
  private final Clock clock;
  private final Predicate<String> expireIfDue;

  /** {@code expireIfDue} ends the run if its deadline passed, returning whether it did. */
  HandOffTimers(
      @Nullable ScheduledExecutorService timers, Clock clock, Predicate<String> expireIfDue) {
    this.timers = timers;
    this.clock = clock;
    this.expireIfDue = expireIfDue;
  }

  /** Arms the deadline of {@code runId}. */
  void arm(String runId, Instant deadline) {
    schedule(runId, deadline, Math.max(0, Duration.between(clock.instant(), deadline).toMillis()));
  }

  /** Arms {@code runId} to be looked at again after {@code delay}. */
  void retry(String runId, Instant deadline, Duration delay) {
    schedule(runId, deadline, delay.toMillis());
  }

  /** Cancels the timer of {@code runId}, if any. */
  void disarm(String runId) {
    Future<?> f = armed.remove(runId);
    if (f != null) {
      f.cancel(false);
    }
  }

  /** Cancels every timer. */
  void cancelAll() {
    armed.values().forEach(f -> f.cancel(false));
    armed.clear();
  }

  private void schedule(String runId, Instant deadline, long delayMillis) {
    if (timers == null) {
      return;
    }
    try {
      armed.put(
          runId, timers.schedule(() -> fire(runId, deadline), delayMillis, TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException e) {
      log.debug("run {}: deadline not armed, the dispatcher is shutting down", runId);
    }
  }

  private void fire(String runId, Instant deadline) {
    if (!expireIfDue.test(runId) && armed.containsKey(runId)) {
      long left = Duration.between(clock.instant(), deadline).toMillis();
      schedule(runId, deadline, Math.max(RECHECK_MILLIS, left));
    }
  }
}
