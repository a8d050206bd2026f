package io.portkit.client.run;

import java.time.Duration;

/**
 * Runs the deferred flush of a run's coalesced writes (see {@link WriteCoalescing}) once a delay
 * has passed. {@link io.portkit.client.PortClient} uses one daemon timer per client; tests pass a
 * scheduler they fire by hand, so no test has to sleep.
 *
 * <p>Implementations must be thread-safe, must not run {@code flush} on the calling thread before
 * returning (the caller holds the run's lock), and should run it on a thread that may block on a
 * Port call. A scheduler that can no longer schedule (closed) throws {@link
 * java.util.concurrent.RejectedExecutionException}; the write is then sent at once.
 */
@FunctionalInterface
public interface FlushScheduler {
  /**
   * Arranges for {@code flush} to run once, {@code delay} from now.
   *
   * @param delay positive
   * @param flush sends what the run holds; never throws
   */
  void schedule(Duration delay, Runnable flush);
}
