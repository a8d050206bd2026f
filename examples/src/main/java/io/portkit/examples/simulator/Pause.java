package io.portkit.examples.simulator;

import java.time.Duration;

/**
 * Waits for a duration between simulation steps; the seam that lets tests play a plan without
 * sleeping.
 *
 * <p>Implementations must return promptly with {@link InterruptedException} when the calling thread
 * is interrupted.
 */
@FunctionalInterface
public interface Pause {

  /**
   * Waits for {@code duration}.
   *
   * @param duration how long to wait; never null, never negative
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void pause(Duration duration) throws InterruptedException;

  /**
   * Returns a pause that sleeps the calling thread with {@link Thread#sleep(long)}.
   *
   * @return a pause backed by the real clock
   */
  static Pause sleeping() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
