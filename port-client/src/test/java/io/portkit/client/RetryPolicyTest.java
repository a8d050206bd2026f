package io.portkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      RetryPolicy.builder()
          .initialBackoff(Duration.ofMillis(100))
          .maxBackoff(Duration.ofMillis(350))
          .jitter(0.5)
          .build();

  @Test
  void backoff_noJitterDraw_doublesUpToCap() {
    assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(350));
    assertThat(policy.backoff(60, 0.0)).isEqualTo(Duration.ofMillis(350));
  }

  @Test
  void backoff_fullJitterDraw_reducesByJitterShare() {
    assertThat(policy.backoff(2, 1.0)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void backoff_zeroAttempts_throws() {
    assertThatThrownBy(() -> policy.backoff(0, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failedAttempts < 1: 0");
  }

  @Test
  void builder_invalidValues_throwNamingThem() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .hasMessage("maxAttempts must be at least 1: 0");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5))
        .hasMessage("jitter must be within [0, 1]: 1.5");
    assertThatThrownBy(() -> RetryPolicy.builder().maxElapsed(Duration.ZERO))
        .hasMessage("maxElapsed must be positive: PT0S");
  }

  @Test
  void defaults_areDocumentedValues() {
    assertThat(RetryPolicy.DEFAULT.toString())
        .isEqualTo(
            "RetryPolicy[maxAttempts=4,"
                + " initialBackoff=PT0.5S, maxBackoff=PT8S, maxElapsed=PT1M, jitter=0.2]");
    assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
  }
}
