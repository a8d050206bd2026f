package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.PortClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code PORTKIT_WRITE_COALESCING_MS}: the client's write coalescing delay, checked at start. */
class WriteCoalescingSettingTest {
  @Test
  void unset_theClientsDefault() {
    assertThat(ApiOptions.writeCoalescing(Settings.of(Map.of())))
        .isEqualTo(PortClient.Builder.DEFAULT_WRITE_COALESCING);
  }

  @Test
  void zeroOrMillis_theDelay() {
    assertThat(ApiOptions.writeCoalescing(Settings.of(Map.of(Settings.WRITE_COALESCING_MS, "0"))))
        .isZero();
    assertThat(
            ApiOptions.writeCoalescing(Settings.of(Map.of(Settings.WRITE_COALESCING_MS, " 500 "))))
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void notAWholeNumberOrNegative_refusedNamingTheVariable() {
    for (String bad : new String[] {"-1", "0.5", "fast"}) {
      assertThatThrownBy(
              () ->
                  ApiOptions.writeCoalescing(
                      Settings.of(Map.of(Settings.WRITE_COALESCING_MS, bad))))
          .isInstanceOf(BadSettingException.class)
          .hasMessage(
              "PORTKIT_WRITE_COALESCING_MS must be a whole number of milliseconds, 0 (send every"
                  + " write at once) or more, got "
                  + bad);
    }
  }
}
