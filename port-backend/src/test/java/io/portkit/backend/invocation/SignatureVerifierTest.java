package io.portkit.backend.invocation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.backend.invocation.SignatureException.Reason;
import io.portkit.backend.invocation.Verification.SignedForm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
  private static final String SECRET = "test-secret";
  private static final long TS = 1713277889L;
  private static final String BODY = "{\"port_context\":{\"runId\":\"r_QOz6WoOB1Q2lmhZZ\"}}";
  private static final String VECTOR = "v1,3PeZSTRLxpTx16HqnAauHYCHGKH9oK5QERcq6RBqZKg=";
  private static final Clock AT_TS = Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC);

  private static SignatureVerifier.Builder verifier() {
    return SignatureVerifier.builder().addSecret(SECRET).clock(AT_TS);
  }

  private static SignatureException rejection(
      SignatureVerifier verifier, String ts, String sig, String body) {
    try {
      verifier.verify(ts, sig, body.getBytes(UTF_8));
    } catch (SignatureException e) {
      return e;
    }
    throw new AssertionError("expected a rejection");
  }

  @Test
  void verify_documentedVector_acceptsRawBody() {
    Verification proof = verifier().build().verify(Long.toString(TS), VECTOR, BODY.getBytes(UTF_8));

    assertThat(proof).isEqualTo(new Verification(Instant.ofEpochSecond(TS), SignedForm.RAW));
  }

  @Test
  void verify_headerNamesInAnyCase_accepts() {
    RequestHeaders headers =
        RequestHeaders.of("X-Port-Timestamp", Long.toString(TS), "X-PORT-SIGNATURE", VECTOR);

    assertThat(verifier().build().verify(headers, BODY.getBytes(UTF_8)).signedForm())
        .isEqualTo(SignedForm.RAW);
  }

  @Test
  void verify_severalSignaturesOneValid_accepts() {
    String header = "v0,abc v1,AAAA " + VECTOR + " v2,zzz";

    assertThat(verifier().build().verify(Long.toString(TS), header, BODY.getBytes(UTF_8)))
        .isNotNull();
  }

  @Test
  void verify_twoSecretsDuringRotation_acceptsEither() {
    SignatureVerifier rotating =
        SignatureVerifier.builder()
            .addSecret("old-secret")
            .addSecret("new-secret")
            .clock(AT_TS)
            .build();

    for (String secret : new String[] {"old-secret", "new-secret"}) {
      String sig = Signer.withSecret(secret).sign(TS, BODY);
      assertThat(rotating.verify(Long.toString(TS), sig, BODY.getBytes(UTF_8)).signedForm())
          .isEqualTo(SignedForm.RAW);
    }
    String other = Signer.withSecret("third-secret").sign(TS, BODY);
    assertThat(rejection(rotating, Long.toString(TS), other, BODY).reason())
        .isEqualTo(Reason.MISMATCH);
  }

  @Test
  void verify_atToleranceEdgeBothWays_accepts() {
    SignatureVerifier v = verifier().tolerance(Duration.ofSeconds(300)).build();
    for (long ts : new long[] {TS - 300, TS + 300}) {
      String sig = Signer.withSecret(SECRET).sign(ts, BODY);
      assertThat(v.verify(Long.toString(ts), sig, BODY.getBytes(UTF_8))).isNotNull();
    }
  }

  @Test
  void verify_tooOld_rejectsOutsideTolerance() {
    String sig = Signer.withSecret(SECRET).sign(TS - 301, BODY);

    SignatureException e = rejection(verifier().build(), "" + (TS - 301), sig, BODY);

    assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_TOLERANCE);
    assertThat(e)
        .hasMessage(
            "x-port-timestamp is 301s in the past; tolerance is 300s: check this server's clock"
                + " (NTP), or the request is a replay");
  }

  @Test
  void verify_fromTheFuture_rejectsOutsideTolerance() {
    SignatureVerifier v = verifier().tolerance(Duration.ofSeconds(60)).build();
    String sig = Signer.withSecret(SECRET).sign(TS + 61, BODY);

    SignatureException e = rejection(v, "" + (TS + 61), sig, BODY);

    assertThat(e.reason()).isEqualTo(Reason.OUTSIDE_TOLERANCE);
    assertThat(e)
        .hasMessage(
            "x-port-timestamp is 61s in the future; tolerance is 60s: check this server's clock"
                + " (NTP), or the request is a replay");
  }

  @Test
  void verify_missingTimestamp_rejectsMissingHeader() {
    SignatureException e = rejection(verifier().build(), null, VECTOR, BODY);

    assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER);
    assertThat(e)
        .hasMessage(
            "missing x-port-timestamp header: the request was not signed by Port, or a proxy"
                + " removed the header");
  }

  @Test
  void verify_blankSignature_rejectsMissingHeader() {
    SignatureException e = rejection(verifier().build(), "" + TS, "  ", BODY);

    assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER);
    assertThat(e)
        .hasMessage(
            "missing x-port-signature header: the request was not signed by Port, or a proxy"
                + " removed the header");
  }

  @Test
  void verify_timestampNotANumber_rejectsMalformedTimestamp() {
    SignatureException e = rejection(verifier().build(), "2024-04-16T14:31:29Z", VECTOR, BODY);

    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TIMESTAMP);
    assertThat(e)
        .hasMessage("x-port-timestamp must be whole epoch seconds, got '2024-04-16T14:31:29Z'");
  }

  @Test
  void verify_signatureWithoutVersion_rejectsMalformedSignature() {
    SignatureException e =
        rejection(
            verifier().build(), "" + TS, "3PeZSTRLxpTx16HqnAauHYCHGKH9oK5QERcq6RBqZKg=", BODY);

    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(e)
        .hasMessage(
            "x-port-signature must look like v1,<base64 HMAC-SHA256>: check what signs these"
                + " requests");
  }

  @Test
  void verify_onlyOtherVersions_rejectsUnsupportedVersion() {
    SignatureException e = rejection(verifier().build(), "" + TS, "v2,abc v0,def", BODY);

    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
    assertThat(e)
        .hasMessage(
            "x-port-signature has no v1 signature (found v0, v2): portkit verifies v1 only; check"
                + " what signs these requests");
  }

  @Test
  void verify_wrongSecret_rejectsMismatch() {
    SignatureVerifier v = SignatureVerifier.builder().addSecret("other").clock(AT_TS).build();

    SignatureException e = rejection(v, "" + TS, VECTOR, BODY);

    assertThat(e.reason()).isEqualTo(Reason.MISMATCH);
    assertThat(e)
        .hasMessage(
            "x-port-signature does not match the request body: check that the verifier uses this"
                + " organization's Port client secret and that nothing re-encodes the body before"
                + " verification");
  }

  @Test
  void verify_signatureNotBase64_rejectsMismatchWithoutCrashing() {
    SignatureException e = rejection(verifier().build(), "" + TS, "v1,***not-base64***", BODY);

    assertThat(e.reason()).isEqualTo(Reason.MISMATCH);
  }

  @Test
  void verify_tamperedBody_rejectsMismatch() {
    String tampered = BODY.replace("r_QOz6", "r_XXXX");

    assertThat(rejection(verifier().build(), "" + TS, VECTOR, tampered).reason())
        .isEqualTo(Reason.MISMATCH);
  }

  @Test
  void verify_signatureForOtherTimestamp_rejectsMismatch() {
    assertThat(rejection(verifier().build(), "" + (TS + 1), VECTOR, BODY).reason())
        .isEqualTo(Reason.MISMATCH);
  }

  @Test
  void verify_agentSpacedBodyWithEscapedNonAscii_acceptsWithFallback() {
    // The agent signs json.dumps(body, separators=(",", ":")) and sends requests(json=body).
    String signed =
        "{\"port_context\":{\"runId\":\"r_1\"},\"inputs\":{\"name\":\"caf\\u00e9 \\ud83d\\ude00\",\"n\":1.50,\"ok\":true,\"x\":null,\"l\":[1, 2]}}"
            .replace("[1, 2]", "[1,2]");
    String sent =
        "{\"port_context\": {\"runId\": \"r_1\"}, \"inputs\": {\"name\": \"caf\\u00e9 \\ud83d\\ude00\", \"n\": 1.50, \"ok\": true, \"x\": null, \"l\": [1, 2]}}";
    String sig = Signer.withSecret(SECRET).sign(TS, signed);

    Verification proof = verifier().build().verify("" + TS, sig, sent.getBytes(UTF_8));

    assertThat(proof.signedForm()).isEqualTo(SignedForm.COMPACT_ASCII);
  }

  @Test
  void verify_spacedBodySignedCompactUtf8_acceptsWithFallback() {
    String signed = "{\"name\":\"café\",\"q\":\"a\\\"b\\\\c\\n\"}";
    String sent = "{\"name\": \"caf\\u00e9\", \"q\": \"a\\\"b\\\\c\\n\"}";
    String sig = Signer.withSecret(SECRET).sign(TS, signed);

    Verification proof = verifier().build().verify("" + TS, sig, sent.getBytes(UTF_8));

    assertThat(proof.signedForm()).isEqualTo(SignedForm.COMPACT_UTF8);
  }

  @Test
  void verify_agentSpacedBodyWithFallbackOff_rejectsMismatch() {
    String signed = "{\"a\":1,\"b\":\"\\u00e9\"}";
    String sent = "{\"a\": 1, \"b\": \"\\u00e9\"}";
    String sig = Signer.withSecret(SECRET).sign(TS, signed);

    SignatureVerifier strict = verifier().agentBodyFallback(false).build();

    assertThat(rejection(strict, "" + TS, sig, sent).reason()).isEqualTo(Reason.MISMATCH);
    assertThat(verifier().build().verify("" + TS, sig, sent.getBytes(UTF_8)).signedForm())
        .isEqualTo(SignedForm.COMPACT_ASCII);
  }

  @Test
  void verify_portAgentKafkaVector_acceptsSpacedBodyViaFallback() {
    // port-agent's own test message (conftest webhook_run_payload + "headers": {}), signed by
    // Port's recipe with secret "test"; the fixture is that message as json.dumps sends it.
    SignatureVerifier agent = SignatureVerifier.builder().addSecret("test").clock(AT_TS).build();
    byte[] sent = Fixtures.bytes("webhook/agent-kafka-run-spaced.json");

    Verification proof =
        agent.verify("" + TS, "v1,uuBMfcio3oscejO5bOtL97K1AmiZjxDvou7sChjMNeE=", sent);

    assertThat(proof.signedForm()).isEqualTo(SignedForm.COMPACT_ASCII);
    assertThat(new RunInvocationParser().parse(RequestHeaders.empty(), sent).runId())
        .isEqualTo("r_jE5FhDURh4Uen2Qr");
  }

  @Test
  void verify_fallbackBodyNestedBeyondBound_rejectsMismatch() {
    String deep = "[".repeat(10) + "]".repeat(10);
    String sig = Signer.withSecret(SECRET).sign(TS, deep);
    SignatureVerifier shallow = verifier().fallbackMaxDepth(5).build();

    assertThat(rejection(shallow, "" + TS, sig, deep.replace("[]", "[ ]")).reason())
        .isEqualTo(Reason.MISMATCH);
    assertThat(verifier().build().verify("" + TS, sig, deep.replace("[]", "[ ]").getBytes(UTF_8)))
        .isNotNull();
  }

  @Test
  void verify_fallbackBodyOverSizeBound_rejectsMismatch() {
    String signed = "{\"a\":1}";
    String sent = "{\"a\": 1}";
    String sig = Signer.withSecret(SECRET).sign(TS, signed);

    assertThat(rejection(verifier().fallbackMaxBytes(7).build(), "" + TS, sig, sent).reason())
        .isEqualTo(Reason.MISMATCH);
    assertThat(verifier().fallbackMaxBytes(8).build().verify("" + TS, sig, sent.getBytes(UTF_8)))
        .isNotNull();
  }

  @Test
  void verify_fallbackOnNonJsonBody_rejectsMismatch() {
    assertThat(rejection(verifier().build(), "" + TS, VECTOR, "not json {").reason())
        .isEqualTo(Reason.MISMATCH);
  }

  @Test
  void secrets_neverInMessagesOrToString() {
    SignatureVerifier v =
        SignatureVerifier.builder().addSecret("hunter2-secret").clock(AT_TS).build();
    String[][] cases = {
      {null, VECTOR}, {"x", VECTOR}, {"" + TS, "v2,a"}, {"" + TS, "nope"}, {"" + TS, VECTOR},
    };
    for (String[] c : cases) {
      assertThat(rejection(v, c[0], c[1], BODY).getMessage()).doesNotContain("hunter2");
    }
    assertThat(v.toString())
        .isEqualTo("SignatureVerifier[secrets=1, tolerance=PT5M, agentBodyFallback=true]");
  }

  @Test
  void build_withoutSecret_throwsNamingTheFix() {
    assertThatThrownBy(() -> SignatureVerifier.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no secret: call addSecret(clientSecret) with the Port client secret");
  }

  @Test
  void tolerance_subSecond_throwsNamingTheLimit() {
    assertThatThrownBy(() -> SignatureVerifier.builder().tolerance(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tolerance must be at least 1 second, got PT0.5S: Port signs whole seconds");
  }
}
