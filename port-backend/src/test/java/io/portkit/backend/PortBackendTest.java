package io.portkit.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.backend.dispatch.IntakeRejection;
import io.portkit.backend.dispatch.RunListener;
import io.portkit.backend.invocation.PortHeaders;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.SignatureException;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import io.portkit.client.PortClient;
import io.portkit.client.auth.ClientCredentials;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PortBackendTest {
  private static final ClientCredentials CREDENTIALS =
      new ClientCredentials("id-1", "the-client-secret-of-the-organization");
  private static final byte[] BODY = "{\"port_context\":{\"runId\":\"r_1\"}}".getBytes(UTF_8);

  private static RequestHeaders signed(String secret, byte[] body) {
    long now = Instant.now().getEpochSecond();
    return RequestHeaders.of(
        PortHeaders.TIMESTAMP,
        Long.toString(now),
        PortHeaders.SIGNATURE,
        Signer.withSecret(secret).sign(now, body));
  }

  @Test
  void build_credentials_clientUsesThemAndTheApiUrl_verifierUsesTheSecret() {
    try (PortBackend backend =
        PortBackend.builder()
            .credentials(CREDENTIALS)
            .apiUrl(URI.create("http://127.0.0.1:9"))
            .handle("a", (run, ctx) -> {})
            .build()) {
      assertThat(backend.client().baseUri()).isEqualTo(URI.create("http://127.0.0.1:9"));
      assertThat(backend.verifier().verify(signed(CREDENTIALS.clientSecret(), BODY), BODY))
          .isNotNull();
      assertThatThrownBy(
              () -> backend.verifier().verify(signed("another-secret-entirely", BODY), BODY))
          .isInstanceOf(SignatureException.class);
      assertThat(backend.toString()).doesNotContain(CREDENTIALS.clientSecret());
    }
  }

  @Test
  void build_defaultApiUrl_isPortsEuApi() {
    try (PortBackend backend =
        PortBackend.builder().credentials(CREDENTIALS).handle("a", (run, ctx) -> {}).build()) {
      assertThat(backend.client().baseUri()).isEqualTo(PortClient.EU_API);
      assertThat(backend.toString())
          .isEqualTo("PortBackend[api=https://api.port.io, durable=false]");
    }
  }

  @Test
  void build_addVerificationSecret_acceptsTheOldSecretDuringARotation() {
    try (PortBackend backend =
        PortBackend.builder()
            .credentials(CREDENTIALS)
            .addVerificationSecret("the-old-secret-before-rotation")
            .handle("a", (run, ctx) -> {})
            .build()) {
      assertThat(backend.verifier().verify(signed("the-old-secret-before-rotation", BODY), BODY))
          .isNotNull();
      assertThat(backend.verifier().verify(signed(CREDENTIALS.clientSecret(), BODY), BODY))
          .isNotNull();
    }
  }

  @Test
  void build_ownVerifier_replacesTheOneCredentialsImply() {
    SignatureVerifier own = SignatureVerifier.builder().addSecret("only-this-one-secret").build();
    try (PortBackend backend =
        PortBackend.builder()
            .credentials(CREDENTIALS)
            .verifier(own)
            .handle("a", (run, ctx) -> {})
            .build()) {
      assertThat(backend.verifier()).isSameAs(own);
    }
  }

  @Test
  void build_noCredentials_saysWhichCallAndVariablesToUse() {
    assertThatThrownBy(() -> PortBackend.builder().handle("a", (run, ctx) -> {}).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no credentials: call credentials(ClientCredentials.fromEnv()), which reads"
                + " PORT_CLIENT_ID and PORT_CLIENT_SECRET, or client(PortClient)");
  }

  @Test
  void build_clientWithoutSecret_saysHowToVerify() {
    PortClient client = PortClient.builder().credentials(CREDENTIALS).build();
    assertThatThrownBy(
            () -> PortBackend.builder().client(client).handle("a", (run, ctx) -> {}).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no secret to verify deliveries with: call credentials(...) (Port signs with the"
                + " client secret) or verifier(SignatureVerifier)");
  }

  @Test
  void build_noHandler_saysHowToAddOne() {
    assertThatThrownBy(() -> PortBackend.builder().credentials(CREDENTIALS).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no handlers: call handle(actionId, handler)");
  }

  @Test
  void close_stopsTakingRuns_andIsIdempotent() {
    PortBackend backend =
        PortBackend.builder().credentials(CREDENTIALS).handle("a", (run, ctx) -> {}).build();

    backend.close();
    backend.close();

    assertThat(backend.inFlight()).isZero();
    assertThat(backend.awaitIdle(Duration.ofSeconds(1))).isTrue();
  }

  @Test
  void listener_signatureAndToleranceRejections_reportedByReasonAlsoForOwnVerifier() {
    List<IntakeRejection> seen = new CopyOnWriteArrayList<>();
    RunListener listener =
        new RunListener() {
          @Override
          public void intakeRejected(IntakeRejection rejection) {
            seen.add(rejection);
          }
        };
    try (PortBackend backend =
        PortBackend.builder()
            .credentials(CREDENTIALS)
            .verifier(
                SignatureVerifier.builder()
                    .addSecret(CREDENTIALS.clientSecret())
                    .tolerance(Duration.ofSeconds(60))
                    .build())
            .listener(listener)
            .handle("a", (run, ctx) -> {})
            .build()) {
      long old = Instant.now().minusSeconds(3600).getEpochSecond();
      RequestHeaders stale =
          RequestHeaders.of(
              PortHeaders.TIMESTAMP,
              Long.toString(old),
              PortHeaders.SIGNATURE,
              Signer.withSecret(CREDENTIALS.clientSecret()).sign(old, BODY));

      assertThatThrownBy(
              () -> backend.verifier().verify(signed("another-secret-entirely", BODY), BODY))
          .isInstanceOf(SignatureException.class);
      assertThatThrownBy(() -> backend.verifier().verify(stale, BODY))
          .isInstanceOf(SignatureException.class);
      assertThatThrownBy(
              () -> backend.verifier().withTolerance(Duration.ofDays(1)).verify(null, null, BODY))
          .isInstanceOf(SignatureException.class);
      backend.listener().intakeRejected(IntakeRejection.BODY);

      assertThat(seen)
          .containsExactly(
              IntakeRejection.SIGNATURE,
              IntakeRejection.TOLERANCE,
              IntakeRejection.SIGNATURE,
              IntakeRejection.BODY);
    }
  }
}
