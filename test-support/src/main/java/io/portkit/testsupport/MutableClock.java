package io.portkit.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC {@link Clock} that stands still until a test moves it: token expiry, retry windows, run
 * timeouts, expiring allowlist entries.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.standard();   // 2026-01-01T00:00:00Z
 * clock.advance(Duration.ofMinutes(31));
 * }</pre>
 *
 * <p>The one such clock of portkit's own suites below the test kit (ADR 0162). Suites that have
 * port-testkit on their classpath use its public {@code io.portkit.testkit.FakeClock} instead, the
 * clock users write their tests with; both behave the same. Thread-safe.
 */
public final class MutableClock extends Clock {
  /** The reading of {@link #standard()}: 2026-01-01T00:00:00Z. */
  public static final Instant STANDARD_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;

  private MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Returns a clock reading {@code start} until moved. */
  public static MutableClock at(Instant start) {
    return new MutableClock(Objects.requireNonNull(start, "start == null"));
  }

  /** Returns a clock reading {@link #STANDARD_START} until moved. */
  public static MutableClock standard() {
    return at(STANDARD_START);
  }

  /**
   * Moves the clock forward by {@code amount}.
   *
   * @throws IllegalArgumentException if {@code amount} is negative: a clock only moves forward
   */
  public void advance(Duration amount) {
    Objects.requireNonNull(amount, "amount == null");
    if (amount.isNegative()) {
      throw new IllegalArgumentException(
          "amount is negative: " + amount + "; a clock only moves forward");
    }
    now.updateAndGet(instant -> instant.plus(amount));
  }

  /** Returns the current reading. */
  @Override
  public Instant instant() {
    return now.get();
  }

  /** Returns {@link ZoneOffset#UTC}. */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * Not supported: the clock has one zone.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("MutableClock is UTC only; use instant() and convert");
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
