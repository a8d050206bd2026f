package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The same behaviour as test-support's MutableClockTest checks (ADR 0162). */
class FakeClockTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void at_readsTheStartUntilAdvanced() {
    FakeClock clock = FakeClock.at(START);

    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advance_movesForwardAndAccumulates() {
    FakeClock clock = FakeClock.at(START);

    clock.advance(Duration.ofMinutes(30));
    clock.advance(Duration.ofSeconds(1));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:30:01Z"));
    assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
  }

  @Test
  void advance_negative_refusedAndClockUnchanged() {
    FakeClock clock = FakeClock.at(START);

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount is negative: PT-1S; a clock only moves forward");
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void withZone_unsupported() {
    assertThatThrownBy(() -> FakeClock.at(START).withZone(ZoneOffset.ofHours(2)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
