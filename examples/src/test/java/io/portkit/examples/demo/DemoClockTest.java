package io.portkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.testkit.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DemoClockTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  @Test
  void skip_movesAheadForGood_andTheBaseKeepsRunningUnderneath() {
    FakeClock base = FakeClock.at(T0);
    DemoClock clock = DemoClock.of(base);

    clock.skip(Duration.ofMinutes(30));
    clock.skip(Duration.ofSeconds(5));
    base.advance(Duration.ofSeconds(1));

    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(30 * 60 + 6));
    assertThat(clock.offset()).isEqualTo(Duration.ofSeconds(30 * 60 + 5));
  }

  @Test
  void withZone_sharesTheOffset() {
    DemoClock clock = DemoClock.of(Clock.fixed(T0, ZoneId.of("UTC")));
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.skip(Duration.ofHours(1));

    assertThat(paris.instant()).isEqualTo(T0.plusSeconds(3600));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void skip_negative_refused() {
    assertThatThrownBy(() -> DemoClock.systemUtc().skip(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount is negative: PT-1S");
  }
}
