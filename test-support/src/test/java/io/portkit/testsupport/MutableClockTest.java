package io.portkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  @Test
  void standard_readsTheStandardStartUntilAdvanced() {
    MutableClock clock = MutableClock.standard();

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(clock.instant());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advance_movesForwardAndAccumulates() {
    MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));

    clock.advance(Duration.ofMinutes(30));
    clock.advance(Duration.ofSeconds(1));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T10:30:01Z"));
    assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
  }

  @Test
  void advance_negative_refusedAndClockUnchanged() {
    MutableClock clock = MutableClock.standard();

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only moves forward");
    assertThat(clock.instant()).isEqualTo(MutableClock.STANDARD_START);
  }

  @Test
  void withZone_unsupported() {
    assertThatThrownBy(() -> MutableClock.standard().withZone(ZoneOffset.ofHours(2)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
