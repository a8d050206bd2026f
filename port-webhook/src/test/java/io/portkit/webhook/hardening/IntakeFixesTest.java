package io.portkit.webhook.hardening;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.backend.invocation.PayloadException;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocationParser;
import io.portkit.backend.invocation.SignatureException;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Exact messages for the rejections the bad-input suite made the parser and verifier add. */
class IntakeFixesTest {
  private static final String RUN_ID_RULE =
      "the run id must be 1 to 256 characters of letters, digits, '.', '_', ':' or '-' (Port's"
          + " look like r_QOz6WoOB1Q2lmhZZ), got ";
  private final RunInvocationParser parser = new RunInvocationParser();

  @Test
  void parse_overlongUtf8InRunId_rejectedWithOffset() {
    byte[] body =
        BodyCases.concat(
            "{\"runId\":\"r_".getBytes(UTF_8),
            new byte[] {(byte) 0xC1, (byte) 0x81},
            "\"}".getBytes(UTF_8));

    assertThatThrownBy(() -> parser.parse(RequestHeaders.empty(), body))
        .isInstanceOf(PayloadException.class)
        .hasMessage(
            "body is not valid UTF-8 JSON (byte 12): Port sends UTF-8; check that nothing"
                + " re-encodes the body");
  }

  @Test
  void parse_utf16Body_rejectedAsNotUtf8() {
    byte[] body = "{\"runId\":\"r_1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);

    assertThatThrownBy(() -> parser.parse(RequestHeaders.empty(), body))
        .hasMessageStartingWith("body is not valid UTF-8 JSON (byte 1)");
  }

  @Test
  void parse_wellFormedMultibyte_accepted() {
    byte[] body = "{\"runId\":\"r_1\",\"inputs\":{\"name\":\"é中😀\"}}".getBytes(UTF_8);

    assertThat(parser.parse(RequestHeaders.empty(), body).inputs().path("name").asText())
        .isEqualTo("é中😀");
  }

  @Test
  void parse_tooDeep_namesTheBound() {
    byte[] body =
        ("{\"runId\":\"r_1\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}").getBytes(UTF_8);

    assertThatThrownBy(() -> parser.parse(RequestHeaders.empty(), body))
        .hasMessageStartingWith(
            "body exceeds a JSON parser bound: Document nesting depth (65) exceeds"
                + " the maximum allowed (64");
  }

  @Test
  void parse_runIdWithSlash_rejected() {
    byte[] body = "{\"port_context\":{\"runId\":\"r_1/../x\"}}".getBytes(UTF_8);

    assertThatThrownBy(() -> parser.parse(RequestHeaders.empty(), body))
        .hasMessage(RUN_ID_RULE + "8 characters: check the action's invocationMethod template");
  }

  @Test
  void parse_runIdHeaderTooLong_rejected() {
    RequestHeaders headers = RequestHeaders.of("RUN_ID", "r".repeat(257));

    assertThatThrownBy(() -> parser.parse(headers, new byte[0]))
        .hasMessage(RUN_ID_RULE + "257 characters: check the action's invocationMethod template");
  }

  @Test
  void parse_runIdOfMaxLength_accepted() {
    String id = "r_" + "a".repeat(254);

    assertThat(parser.parse(RequestHeaders.of("RUN_ID", id), new byte[0]).runId()).isEqualTo(id);
  }

  @Test
  void verify_repeatedTimestamp_malformed() {
    long ts = 1713277889L;
    byte[] body = "{}".getBytes(UTF_8);
    SignatureVerifier verifier =
        SignatureVerifier.builder()
            .addSecret("s")
            .clock(Clock.fixed(Instant.ofEpochSecond(ts), ZoneOffset.UTC))
            .build();
    RequestHeaders headers =
        RequestHeaders.of(
            java.util.Map.of(
                "x-port-timestamp", java.util.List.of("" + ts, "" + ts),
                "x-port-signature", java.util.List.of(Signer.withSecret("s").sign(ts, body))));

    assertThatThrownBy(() -> verifier.verify(headers, body))
        .isInstanceOf(SignatureException.class)
        .hasMessage(
            "x-port-timestamp appears 2 times: Port sends exactly one; check for a proxy"
                + " that adds another")
        .extracting(e -> ((SignatureException) e).reason())
        .isEqualTo(SignatureException.Reason.MALFORMED_TIMESTAMP);
  }

  @Test
  void verify_timestampWithControlCharacters_echoedAsPrintable() {
    SignatureVerifier verifier = SignatureVerifier.builder().addSecret("s").build();

    assertThatThrownBy(() -> verifier.verify("\u001b[31m17\u0007", "v1,AAAA", new byte[0]))
        .hasMessage("x-port-timestamp must be whole epoch seconds, got '?[31m17?'");
  }
}
