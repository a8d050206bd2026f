package io.portkit.client.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A settable UTC clock for tests. Thread-safe. */
public final class FakeClock extends Clock {
  private volatile Instant now;

  private FakeClock(Instant now) {
    this.now = now;
  }

  /** Returns a clock reading {@code now}. */
  public static FakeClock at(Instant now) {
    return new FakeClock(now);
  }

  /** Returns a clock at 2026-01-01T00:00:00Z. */
  public static FakeClock standard() {
    return at(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** Moves the clock forward. */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
