package io.portkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerDelayTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void parse_retryAfterSeconds_isDelta() {
    assertThat(ServerDelay.parse("30", null, NOW)).contains(Duration.ofSeconds(30));
  }

  @Test
  void parse_retryAfterHttpDate_isUntilDate() {
    assertThat(ServerDelay.parse("Thu, 01 Jan 2026 00:01:00 GMT", null, NOW))
        .contains(Duration.ofMinutes(1));
  }

  @Test
  void parse_retryAfterDateInPast_isZero() {
    assertThat(ServerDelay.parse("Wed, 31 Dec 2025 23:00:00 GMT", null, NOW))
        .contains(Duration.ZERO);
  }

  @Test
  void parse_retryAfterWins_overRateLimitReset() {
    assertThat(ServerDelay.parse("2", "9", NOW)).contains(Duration.ofSeconds(2));
  }

  @Test
  void parse_garbageRetryAfter_fallsBackToReset() {
    assertThat(ServerDelay.parse("soon", "9", NOW)).contains(Duration.ofSeconds(9));
  }

  @Test
  void parse_resetAboveThreshold_isEpochSeconds() {
    long epoch = NOW.getEpochSecond() + 42;
    assertThat(ServerDelay.parse(null, Long.toString(epoch), NOW)).contains(Duration.ofSeconds(42));
  }

  @Test
  void parse_resetAtThreshold_isDeltaSeconds() {
    assertThat(ServerDelay.parse(null, "1000000000", NOW))
        .contains(Duration.ofSeconds(1_000_000_000L));
  }

  @Test
  void parse_resetFractional_keepsMillis() {
    assertThat(ServerDelay.parse(null, "1.5", NOW)).contains(Duration.ofMillis(1500));
  }

  @Test
  void parse_nothingUsable_isEmpty() {
    assertThat(ServerDelay.parse(null, null, NOW)).isEmpty();
    assertThat(ServerDelay.parse(" ", "later", NOW)).isEmpty();
  }
}
