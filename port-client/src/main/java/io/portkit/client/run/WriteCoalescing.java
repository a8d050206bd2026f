package io.portkit.client.run;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Whether and how long a {@link RunContext} may hold a write back to merge it with the ones that
 * follow: a status label rides on the next log line, consecutive link adds become one PATCH, a
 * summary goes with the final status (ADR 0220). A held write is sent at the latest {@link
 * #maxDelay()} after it was made, before any log line, entity write, hand-off or final status that
 * follows it, and on {@link RunContext#flush()}. Immutable and thread-safe.
 *
 * <pre>{@code
 * WriteCoalescing.of(() -> Duration.ofMillis(250), scheduler); // hold writes up to 250 ms
 * WriteCoalescing.off();                                       // send every write at once
 * }</pre>
 */
public final class WriteCoalescing {
  private static final WriteCoalescing OFF =
      new WriteCoalescing(() -> Duration.ZERO, (delay, flush) -> flush.run());

  private final Supplier<Duration> maxDelay;
  private final FlushScheduler scheduler;

  private WriteCoalescing(Supplier<Duration> maxDelay, FlushScheduler scheduler) {
    this.maxDelay = maxDelay;
    this.scheduler = scheduler;
  }

  /** Returns the setting that sends every write as it is made: nothing is held. */
  public static WriteCoalescing off() {
    return OFF;
  }

  /**
   * Returns a setting that holds writes up to {@code maxDelay}, read again for every write that
   * starts a batch (so it can change while the client runs, for example when a rate-limit budget
   * runs low), and flushes them through {@code scheduler}.
   *
   * @param maxDelay the longest a write is held; zero or negative sends writes at once
   * @param scheduler runs the deferred flushes
   */
  public static WriteCoalescing of(Supplier<Duration> maxDelay, FlushScheduler scheduler) {
    return new WriteCoalescing(
        Objects.requireNonNull(maxDelay, "maxDelay == null"),
        Objects.requireNonNull(scheduler, "scheduler == null"));
  }

  /** Returns the longest a write may be held now; zero when writes are sent at once. */
  public Duration maxDelay() {
    Duration d = maxDelay.get();
    return d == null || d.isNegative() ? Duration.ZERO : d;
  }

  /** Returns the scheduler of the deferred flushes. */
  public FlushScheduler scheduler() {
    return scheduler;
  }

  @Override
  public String toString() {
    Duration d = maxDelay();
    return d.isZero() ? "WriteCoalescing[off]" : "WriteCoalescing[maxDelay=" + d + "]";
  }
}
