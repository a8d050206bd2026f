package io.portkit.backend.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.testsupport.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentRunsTest {
  private final MutableClock clock = MutableClock.standard();

  @Test
  void remember_sameIdWithinTtl_returnsFalse() {
    RecentRuns runs = new RecentRuns(10, Duration.ofMinutes(5), clock);

    assertThat(runs.remember("r_1")).isTrue();
    clock.advance(Duration.ofMinutes(4));
    assertThat(runs.remember("r_1")).isFalse();
  }

  @Test
  void remember_afterTtl_forgetsAndAcceptsAgain() {
    RecentRuns runs = new RecentRuns(10, Duration.ofMinutes(5), clock);
    runs.remember("r_1");

    clock.advance(Duration.ofMinutes(5));

    assertThat(runs.size()).isZero();
    assertThat(runs.remember("r_1")).isTrue();
  }

  @Test
  void remember_overCapacity_dropsEldest() {
    RecentRuns runs = new RecentRuns(2, Duration.ofHours(1), clock);
    runs.remember("r_1");
    runs.remember("r_2");
    runs.remember("r_3");

    assertThat(runs.size()).isEqualTo(2);
    assertThat(runs.remember("r_3")).isFalse();
    assertThat(runs.remember("r_1")).isTrue();
  }

  @Test
  void forget_remembered_acceptsAgain() {
    RecentRuns runs = new RecentRuns(10, Duration.ofHours(1), clock);
    runs.remember("r_1");

    runs.forget("r_1");

    assertThat(runs.remember("r_1")).isTrue();
  }
}
