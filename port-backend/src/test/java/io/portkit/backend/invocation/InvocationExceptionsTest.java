package io.portkit.backend.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.invocation.SignatureException.Reason;
import io.portkit.client.PortException;
import org.junit.jupiter.api.Test;

class InvocationExceptionsTest {
  @Test
  void verificationException_isPortException_keepsReasonAndMessageNotRetryable() {
    SignatureException e = new SignatureException(Reason.MISMATCH, "no v1 signature matches");

    assertThat(e).isInstanceOf(PortException.class);
    assertThat(e.reason()).isEqualTo(Reason.MISMATCH);
    assertThat(e).hasMessage("no v1 signature matches");
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void bodyException_isPortException_keepsMessageNotRetryable() {
    PayloadException e = new PayloadException("body is not JSON");

    assertThat(e).isInstanceOf(PortException.class);
    assertThat(e).hasMessage("body is not JSON");
    assertThat(e.isRetryable()).isFalse();
  }
}
