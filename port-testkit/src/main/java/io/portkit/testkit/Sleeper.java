package io.portkit.testkit;

import java.time.Duration;

/**
 * Waits for a duration; the emulator's seam for injected latency.
 *
 * <p>Unit tests pass a sleeper that records the requested delay instead of waiting; load and fault
 * tests use {@link #REAL}. Implementations must be thread-safe: requests are served concurrently.
 */
@FunctionalInterface
public interface Sleeper {
  /** A sleeper that really blocks the calling thread with {@link Thread#sleep(long)}. */
  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
