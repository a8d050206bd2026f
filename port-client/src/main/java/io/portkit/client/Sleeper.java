package io.portkit.client;

import java.time.Duration;

/**
 * Waits between retry attempts, and while a call waits for the rate-limit budget. A seam so that
 * tests record the requested durations instead of sleeping.
 *
 * <p>Implementations must be thread-safe. {@link #SYSTEM} uses {@link Thread#sleep(long)}.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep(long)}; restores nothing, callers handle interruption. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /**
   * Blocks for {@code duration}.
   *
   * @param duration how long to wait; never negative
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Blocks for {@code duration} while a call waits, before it is sent, for Port's rate-limit budget
   * (not a retry). Defaults to {@link #sleep(Duration)}; a metrics wrapper can tell the two apart.
   *
   * @param duration how long to wait; never negative
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  default void sleepForBudget(Duration duration) throws InterruptedException {
    sleep(duration);
  }
}
