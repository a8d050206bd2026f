package io.portkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, for token expiry and rate-limit windows.
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * PortEmulator port = PortEmulator.builder().clock(clock).start();
 * clock.advance(Duration.ofHours(3));   // the current token is now expired
 * }</pre>
 *
 * <p>Give it to anything that takes a {@link Clock}: the emulator, a {@code PortClient}, a {@code
 * SignatureVerifier}, your own code under test. Thread-safe. Its zone is UTC.
 */
public final class FakeClock extends Clock {
  private final AtomicReference<Instant> now;

  private FakeClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Returns a clock reading {@code start} until advanced. */
  public static FakeClock at(Instant start) {
    return new FakeClock(Objects.requireNonNull(start, "start == null"));
  }

  /**
   * Moves the clock forward by {@code amount}.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
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
   * Not supported: a fake clock has one zone.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("FakeClock is UTC only; use instant() and convert");
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + "]";
  }
}
