package io.portkit.examples.demo;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's clock: the system clock plus an offset that only {@link #skip} moves, so the demo can
 * show a timer expiring without waiting for it. Time keeps running after a skip, so grants made
 * later (from a second terminal) still expire on their own.
 *
 * <p>Give the same instance to everything that compares times with the emulator: the emulator
 * (timers, signing times, token expiry), the backend's signature verifier (else a delivery signed
 * after a skip reads as from the future), the client, and the allowlist with its expiry schedule.
 * Thread-safe.
 */
public final class DemoClock extends Clock {
  private final Clock system;
  private final AtomicReference<Duration> offset;

  private DemoClock(Clock system, AtomicReference<Duration> offset) {
    this.system = system;
    this.offset = offset;
  }

  /** Returns a clock reading the system clock (UTC) until {@link #skip} moves it on. */
  public static DemoClock systemUtc() {
    return of(Clock.systemUTC());
  }

  /** Returns a clock reading {@code base} until {@link #skip} moves it on. */
  public static DemoClock of(Clock base) {
    return new DemoClock(
        requireNonNull(base, "base == null"), new AtomicReference<>(Duration.ZERO));
  }

  /**
   * Moves the clock {@code amount} ahead, for good.
   *
   * @throws IllegalArgumentException if {@code amount} is negative: the clock only moves forward
   */
  public void skip(Duration amount) {
    requireNonNull(amount, "amount == null");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount is negative: " + amount);
    }
    offset.updateAndGet(d -> d.plus(amount));
  }

  /** Returns how far ahead of the base clock this clock reads. */
  public Duration offset() {
    return offset.get();
  }

  @Override
  public Instant instant() {
    return system.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return system.getZone();
  }

  /** Returns a view in {@code zone} that shares this clock's offset. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new DemoClock(system.withZone(requireNonNull(zone, "zone == null")), offset);
  }

  @Override
  public String toString() {
    return "DemoClock[" + system + " + " + offset.get() + "]";
  }
}
