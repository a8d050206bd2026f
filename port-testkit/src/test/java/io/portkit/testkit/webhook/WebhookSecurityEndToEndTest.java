package io.portkit.testkit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.invocation.SignatureException;
import io.portkit.backend.invocation.SignatureException.Reason;
import io.portkit.client.run.RunStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Signature handling over HTTP: agent-forwarded bodies, key rotation, every 401 reason. */
class WebhookSecurityEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void agentForwardedBody_signedCompactSentSpaced_isAcceptedAndRuns() {
    try (Backend b = new Backend(d -> d.handle("deploy", (run, ctx) -> {}))) {
      String id = b.createRun("deploy");
      String compact = "{\"port_context\":{\"runId\":\"" + id + "\",\"action\":\"deploy\"}}";
      String spaced = "{\"port_context\": {\"runId\": \"" + id + "\", \"action\": \"deploy\"}}";

      HttpResponse<String> response = b.post("/", spaced, b.sign(b.port.clientSecret(), compact));

      assertThat(response.statusCode()).isEqualTo(202);
      b.port.awaitRun(id, RunStatus.SUCCESS, WAIT);
    }
  }

  @Test
  void keyRotation_oldSecretStillConfigured_isAccepted() {
    try (Backend b = new Backend(d -> d.handle("deploy", (run, ctx) -> {}))) {
      String id = b.createRun("deploy");
      String body = Backend.body(id, "deploy");

      HttpResponse<String> response = b.post("/", body, b.sign(Backend.OLD_SECRET, body));

      assertThat(response.statusCode()).isEqualTo(202);
      b.port.awaitRun(id, RunStatus.SUCCESS, WAIT);
    }
  }

  static Stream<Arguments> rejections() {
    long now = Backend.NOW.getEpochSecond();
    return Stream.of(
        Arguments.of(Reason.MISSING_HEADER, null, "v1,AAAA"),
        Arguments.of(Reason.MALFORMED_TIMESTAMP, "yesterday", "v1,AAAA"),
        Arguments.of(Reason.MALFORMED_SIGNATURE, Long.toString(now), "garbage"),
        Arguments.of(Reason.UNSUPPORTED_VERSION, Long.toString(now), "v9,AAAA"),
        Arguments.of(Reason.MISMATCH, Long.toString(now), "wrong-secret"),
        Arguments.of(Reason.OUTSIDE_TOLERANCE, Long.toString(now - 3600), "sign"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void rejectedDelivery_answers401WithReasonAndRunsNothing(
      Reason reason, String timestamp, String signature) {
    try (Backend b = new Backend(d -> d.handle("deploy", (run, ctx) -> {}))) {
      String id = b.createRun("deploy");
      String body = Backend.body(id, "deploy");
      String sig = signature;
      if (signature.equals("sign") || signature.equals("wrong-secret")) {
        String secret = signature.equals("sign") ? b.port.clientSecret() : "not-the-secret";
        sig =
            io.portkit.backend.invocation.Signer.withSecret(secret)
                .sign(Long.parseLong(timestamp), body.getBytes(UTF_8));
      }

      HttpResponse<String> response = b.post("/", body, timestamp, sig);

      SignatureException expected = expectedRejection(b, timestamp, sig, body);
      assertThat(expected.reason()).isEqualTo(reason);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(Backend.json(response))
          .isEqualTo(
              Backend.object(
                  "{\"ok\":false,\"error\":\"unauthorized\",\"message\":"
                      + Backend.MAPPER.valueToTree(expected.getMessage())
                      + "}"));
      assertThat(b.port.run(id).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);
      assertThat(b.dispatcher.inFlight()).isZero();
    }
  }

  private static SignatureException expectedRejection(
      Backend b, String timestamp, String signature, String body) {
    try {
      b.verifier.verify(timestamp, signature, body.getBytes(UTF_8));
    } catch (SignatureException e) {
      return e;
    }
    throw new AssertionError("the verifier accepted what the test meant to be rejected");
  }
}
