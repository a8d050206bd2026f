package io.portkit.testkit.invoke;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.SignatureException;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Verification;
import io.portkit.testkit.FakeClock;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
  private static final String SECRET = "test-secret";
  private static final Instant NOW = Instant.parse("2024-04-16T14:31:29Z"); // epoch 1713277889
  private final FakeClock clock = FakeClock.at(NOW);
  private final Receiver receiver = new Receiver();
  private final WebhookSender sender = WebhookSender.builder().clock(clock).build();
  private final SignatureVerifier verifier =
      SignatureVerifier.builder().addSecret(SECRET).clock(clock).build();

  @AfterEach
  void close() {
    receiver.close();
  }

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  private Verification verify(Receiver.Received request, SignatureVerifier with) {
    return with.verify(RequestHeaders.of(request.headers()), request.body());
  }

  @Test
  void send_compactBody_matchesPortsDocumentedVector() throws Exception {
    receiver.answer(202, "{\"ok\":true}");
    WebhookAnswer answer =
        sender.send(
            OutgoingWebhook.to(receiver.uri("/hook"))
                .secret(SECRET)
                .body(json("{\"port_context\": {\"runId\": \"r_QOz6WoOB1Q2lmhZZ\"}}"))
                .header("RUN_ID", "r_QOz6WoOB1Q2lmhZZ")
                .build());
    Receiver.Received request = receiver.next();

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.bodyText()).isEqualTo("{\"ok\":true}");
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.bodyText())
        .isEqualTo("{\"port_context\":{\"runId\":\"r_QOz6WoOB1Q2lmhZZ\"}}");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("x-port-timestamp")).isEqualTo("1713277889");
    assertThat(request.header("x-port-signature"))
        .isEqualTo("v1,3PeZSTRLxpTx16HqnAauHYCHGKH9oK5QERcq6RBqZKg=");
    assertThat(request.header("RUN_ID")).isEqualTo("r_QOz6WoOB1Q2lmhZZ");
    assertThat(verify(request, verifier).signedForm()).isEqualTo(Verification.SignedForm.RAW);
  }

  @Test
  void send_wrongSecret_isRejectedByVerifier() {
    sender.send(
        OutgoingWebhook.to(receiver.uri("/"))
            .secret("not-the-secret")
            .body("{}".getBytes(UTF_8))
            .build());

    assertThatThrownBy(() -> verify(receiver.next(), verifier))
        .isInstanceOfSatisfying(
            SignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.MISMATCH));
  }

  @Test
  void send_staleTimestamp_isRejectedAsOutsideTolerance() {
    sender.send(
        OutgoingWebhook.to(receiver.uri("/"))
            .secret(SECRET)
            .body("{}".getBytes(UTF_8))
            .timestampSkew(Duration.ofMinutes(-10))
            .build());
    Receiver.Received request = receiver.next();

    assertThat(request.header("x-port-timestamp"))
        .isEqualTo(Long.toString(NOW.getEpochSecond() - 600));
    assertThatThrownBy(() -> verify(request, verifier))
        .isInstanceOfSatisfying(
            SignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.OUTSIDE_TOLERANCE));
  }

  @Test
  void send_agentStyleBody_sendsSpacedBytesSignedOverCompactAscii() throws Exception {
    sender.send(
        OutgoingWebhook.to(receiver.uri("/"))
            .secret(SECRET)
            .agentStyleBody(json("{\"a\":1,\"b\":\"\u00e9\",\"c\":[1,2],\"d\":\"\\\\u00AB\"}"))
            .build());
    Receiver.Received request = receiver.next();
    SignatureVerifier strict =
        SignatureVerifier.builder().addSecret(SECRET).clock(clock).agentBodyFallback(false).build();
    SignatureVerifier lenient =
        SignatureVerifier.builder().addSecret(SECRET).clock(clock).agentBodyFallback(true).build();

    assertThat(request.bodyText())
        .isEqualTo("{\"a\": 1, \"b\": \"\\u00e9\", \"c\": [1, 2], \"d\": \"\\\\u00AB\"}");
    assertThat(verify(request, lenient).signedForm())
        .isEqualTo(Verification.SignedForm.COMPACT_ASCII);
    assertThatThrownBy(() -> verify(request, strict)).isInstanceOf(SignatureException.class);
  }

  @Test
  void send_methodAndNonJsonAnswer_areKept() {
    receiver.answer(500, "boom");
    WebhookAnswer answer =
        sender.send(
            OutgoingWebhook.to(receiver.uri("/x?y=1"))
                .method("put")
                .secret(SECRET)
                .body("[]".getBytes(UTF_8))
                .build());

    assertThat(receiver.next().method()).isEqualTo("PUT");
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.isSuccessful()).isFalse();
    assertThat(answer.bodyText()).isEqualTo("boom");
  }

  @Test
  void send_nothingListening_throwsNamingUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/hook");

    assertThatThrownBy(
            () ->
                sender.send(
                    OutgoingWebhook.to(url).secret(SECRET).body("{}".getBytes(UTF_8)).build()))
        .isInstanceOf(WebhookDeliveryException.class)
        .hasMessage(
            "webhook POST "
                + url
                + " got no answer: connection refused or unreachable"
                + " (is the receiver listening on 127.0.0.1:"
                + port
                + "?)");
  }

  @Test
  void send_slowReceiver_timesOutWithHint() {
    receiver.holdAnswers();
    WebhookSender impatient =
        WebhookSender.builder().clock(clock).timeout(Duration.ofMillis(200)).build();

    assertThatThrownBy(
            () ->
                impatient.send(
                    OutgoingWebhook.to(receiver.uri("/"))
                        .secret(SECRET)
                        .body("{}".getBytes(UTF_8))
                        .build()))
        .isInstanceOf(WebhookDeliveryException.class)
        .hasMessageEndingWith(
            "got no answer: no answer within PT0.2S (raise WebhookSender.Builder.timeout if the receiver is slow)");
  }

  @Test
  void sendAsync_manyConcurrent_allSignedAndAnswered() {
    List<CompletableFuture<WebhookAnswer>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(
          sender.sendAsync(
              OutgoingWebhook.to(receiver.uri("/" + i))
                  .secret(SECRET)
                  .body(("{\"i\":" + i + "}").getBytes(UTF_8))
                  .build()));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
        .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
        .join();

    assertThat(calls).allSatisfy(call -> assertThat(call.join().status()).isEqualTo(200));
    for (int i = 0; i < 200; i++) {
      assertThat(verify(receiver.next(), verifier).signedForm())
          .isEqualTo(Verification.SignedForm.RAW);
    }
  }

  @Test
  void builder_badInput_explains() {
    assertThatThrownBy(() -> OutgoingWebhook.to(URI.create("ftp://h/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url must be an absolute http or https URI with a host: ftp://h/x");
    assertThatThrownBy(() -> OutgoingWebhook.to(receiver.uri("/")).body(new byte[0]).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no secret: call secret(clientSecret) before build()");
    assertThatThrownBy(
            () -> OutgoingWebhook.to(receiver.uri("/")).header("X-Port-Signature", "v1,x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "header \"X-Port-Signature\" is set by the sender; use secret(wrongSecret), timestampSkew or signedBody"
                + " to send a bad signature on purpose");
    assertThatThrownBy(() -> OutgoingWebhook.to(receiver.uri("/")).method("TRACE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("method must be one of ");
  }

  @Test
  void toString_neverShowsSecret() {
    OutgoingWebhook hook =
        OutgoingWebhook.to(receiver.uri("/"))
            .secret("very-secret-value")
            .body(new byte[] {1})
            .build();

    assertThat(hook.toString()).doesNotContain("very-secret-value").contains("secret=***");
    assertThat(hook.newBuilder().toString()).doesNotContain("very-secret-value");
  }
}
