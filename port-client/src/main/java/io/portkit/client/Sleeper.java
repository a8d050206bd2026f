package io.portkit.client;

import java.time.Duration;

/**
 * Waits between retry attempts. A seam so that tests record the requested durations instead of
 * sleeping.
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
}
