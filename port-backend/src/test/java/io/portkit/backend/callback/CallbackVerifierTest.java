package io.portkit.backend.callback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.backend.callback.CallbackVerificationException.Reason;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.testsupport.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallbackVerifierTest {
  // GitHub's documented example of X-Hub-Signature-256.
  private static final String GITHUB_SECRET = "It's a Secret to Everybody";
  private static final byte[] HELLO = "Hello, World!".getBytes(UTF_8);
  private static final String GITHUB_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  private static CallbackVerifier github() {
    return CallbackVerifier.builder()
        .signatureHeader("X-Hub-Signature-256")
        .prefix("sha256=")
        .secret(GITHUB_SECRET)
        .build();
  }

  private static Reason refusal(CallbackVerifier v, RequestHeaders headers, byte[] body) {
    try {
      v.verify(headers, body);
    } catch (CallbackVerificationException e) {
      return e.reason();
    }
    throw new AssertionError("verified");
  }

  @Test
  void verify_githubsDocumentedExample_passes_andHeaderNamesIgnoreCase() {
    assertThatCode(
            () ->
                github().verify(RequestHeaders.of("x-hub-signature-256", GITHUB_SIGNATURE), HELLO))
        .doesNotThrowAnyException();
    assertThat(github().sign(GITHUB_SECRET, null, HELLO)).isEqualTo(GITHUB_SIGNATURE);
  }

  @Test
  void verify_refusesUnsignedWrongSecretAlteredBodyAndMalformedHeaders() {
    CallbackVerifier v = github();
    String wrong = v.sign("another secret", null, HELLO);

    assertThat(refusal(v, RequestHeaders.empty(), HELLO)).isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(refusal(v, RequestHeaders.of("X-Hub-Signature-256", wrong), HELLO))
        .isEqualTo(Reason.MISMATCH);
    assertThat(
            refusal(
                v,
                RequestHeaders.of("X-Hub-Signature-256", GITHUB_SIGNATURE),
                "Hello".getBytes(UTF_8)))
        .isEqualTo(Reason.MISMATCH);
    assertThat(refusal(v, RequestHeaders.of("X-Hub-Signature-256", "sha1=abc"), HELLO))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(refusal(v, RequestHeaders.of("X-Hub-Signature-256", "sha256=zz"), HELLO))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_withTimestamp_signsTimestampAndBody_andRefusesStaleOrMissing() {
    MutableClock clock = MutableClock.standard();
    CallbackVerifier v =
        CallbackVerifier.builder()
            .signatureHeader("X-Signature")
            .encoding(CallbackVerifier.Encoding.BASE64)
            .timestampHeader("X-Timestamp")
            .tolerance(Duration.ofMinutes(5))
            .clock(clock)
            .secret("s3cret-for-callbacks")
            .secret("new-s3cret-for-callbacks")
            .build();
    long now = clock.instant().getEpochSecond();
    String signature = v.sign("new-s3cret-for-callbacks", clock.instant(), HELLO);
    RequestHeaders headers =
        RequestHeaders.of("X-Signature", signature, "X-Timestamp", Long.toString(now));

    assertThatCode(() -> v.verify(headers, HELLO)).doesNotThrowAnyException();
    assertThat(
            refusal(
                v,
                RequestHeaders.of("X-Signature", signature, "X-Timestamp", Long.toString(now + 1)),
                HELLO))
        .isEqualTo(Reason.MISMATCH);
    assertThat(refusal(v, RequestHeaders.of("X-Signature", signature), HELLO))
        .isEqualTo(Reason.MISSING_TIMESTAMP);
    assertThat(
            refusal(v, RequestHeaders.of("X-Signature", signature, "X-Timestamp", "soon"), HELLO))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
    clock.advance(Duration.ofMinutes(6));
    assertThat(refusal(v, headers, HELLO)).isEqualTo(Reason.OUTSIDE_TOLERANCE);
  }

  @Test
  void secrets_neverInToStringOrMessages() {
    CallbackVerifier v = github();
    assertThat(v.toString()).doesNotContain(GITHUB_SECRET).contains("***");
    assertThatThrownBy(() -> v.verify(RequestHeaders.of("X-Hub-Signature-256", "sha256=00"), HELLO))
        .hasMessageNotContaining(GITHUB_SECRET)
        .hasMessageNotContaining("sha256=00");
  }

  @Test
  void builder_requiresHeaderAndSecret() {
    assertThatThrownBy(() -> CallbackVerifier.builder().secret("x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("signatureHeader");
    assertThatThrownBy(() -> CallbackVerifier.builder().signatureHeader("X-S").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret");
  }
}
