package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultTest {
  @Test
  void failNext_zeroTimes_throwsNamingLimit() {
    assertThatThrownBy(() -> Fault.failNext(0, 503))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("times < 1: 0; a fault applies to at least one request");
  }

  @Test
  void failNext_successStatus_throws() {
    assertThatThrownBy(() -> Fault.failNext(1, 200))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be 400..599 to fail a request: 200");
  }

  @Test
  void on_relativePrefix_throws() {
    assertThatThrownBy(() -> Fault.dropNext(1).on("GET", "v1/actions"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pathPrefix must start with /: v1/actions");
  }

  @Test
  void retryAfter_onDropFault_throws() {
    assertThatThrownBy(() -> Fault.dropNext(1).retryAfter(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("retryAfter applies to failNext faults only, not DROP");
  }

  @Test
  void matches_methodAndPrefixOrPattern_matchOnlyThoseRequests() {
    Fault prefix = Fault.failNext(1, 500).on("patch", "/v1/actions/runs/");
    Fault pattern = Fault.failNext(1, 500).onPattern("*", "/v1/actions/runs/[^/]+/logs");

    assertThat(prefix.matches("PATCH", "/v1/actions/runs/r_1")).isTrue();
    assertThat(prefix.matches("GET", "/v1/actions/runs/r_1")).isFalse();
    assertThat(pattern.matches("POST", "/v1/actions/runs/r_1/logs")).isTrue();
    assertThat(pattern.matches("POST", "/v1/actions/runs/r_1")).isFalse();
  }
}
