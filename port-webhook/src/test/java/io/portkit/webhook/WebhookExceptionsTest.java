package io.portkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.PortException;
import io.portkit.webhook.WebhookVerificationException.Reason;
import org.junit.jupiter.api.Test;

class WebhookExceptionsTest {
  @Test
  void verificationException_isPortException_keepsReasonAndMessageNotRetryable() {
    WebhookVerificationException e =
        new WebhookVerificationException(Reason.MISMATCH, "no v1 signature matches");

    assertThat(e).isInstanceOf(PortException.class);
    assertThat(e.reason()).isEqualTo(Reason.MISMATCH);
    assertThat(e).hasMessage("no v1 signature matches");
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void bodyException_isPortException_keepsMessageNotRetryable() {
    WebhookBodyException e = new WebhookBodyException("body is not JSON");

    assertThat(e).isInstanceOf(PortException.class);
    assertThat(e).hasMessage("body is not JSON");
    assertThat(e.isRetryable()).isFalse();
  }
}
