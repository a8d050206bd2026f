package io.portkit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.kafka.RunMessage.SkipReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunMessageReaderTest {
  private static final long TS = 1713277889L;
  private static final Clock AT_TS = Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC);
  private static final String SECRET = "kafka-test-secret";

  private static RunMessageReader reader() {
    return RunMessageReader.builder().secret(SECRET).clock(AT_TS).build();
  }

  @Test
  void read_portAgentTestVector_verifiesWithHeadersKeptAsEmptyObject() throws Exception {
    // port-agent's conftest webhook_run_payload (the fixture port-webhook's verifier tests use),
    // as Port publishes it: the signature and timestamp inside "headers".
    ObjectNode message =
        (ObjectNode)
            PortMessages.MAPPER.readTree(PortMessages.fixture("kafka/agent-kafka-run-spaced.json"));
    ((ObjectNode) message.get("headers"))
        .put("X-Port-Signature", "v1,uuBMfcio3oscejO5bOtL97K1AmiZjxDvou7sChjMNeE=")
        .put("X-Port-Timestamp", Long.toString(TS));
    byte[] value = PortMessages.MAPPER.writeValueAsBytes(message);
    RunMessageReader agentTypes =
        RunMessageReader.builder()
            .secret("test")
            .clock(AT_TS)
            .invocationTypes(Set.of("webhook"))
            .build();

    RunMessage read = agentTypes.read(value);

    assertThat(read).isInstanceOf(RunMessage.Run.class);
    assertThat(((RunMessage.Run) read).invocation().runId()).isEqualTo("r_jE5FhDURh4Uen2Qr");
    assertThat(((RunMessage.Run) read).invocation().actionIdentifier()).contains("Create");
  }

  @Test
  void read_agentWebhookWithDefaultTypes_skipsAsNotForUs() throws Exception {
    ObjectNode message =
        (ObjectNode)
            PortMessages.MAPPER.readTree(PortMessages.fixture("kafka/agent-kafka-run-spaced.json"));
    ((ObjectNode) message.get("headers"))
        .put("X-Port-Signature", "v1,uuBMfcio3oscejO5bOtL97K1AmiZjxDvou7sChjMNeE=")
        .put("X-Port-Timestamp", Long.toString(TS));
    RunMessageReader kafkaOnly = RunMessageReader.builder().secret("test").clock(AT_TS).build();

    RunMessage read = kafkaOnly.read(PortMessages.MAPPER.writeValueAsBytes(message));

    assertThat(read)
        .isEqualTo(
            new RunMessage.Skipped(
                SkipReason.NOT_FOR_US,
                "invocation type is WEBHOOK with agent: true (for Port's execution agent);"
                    + " this consumer takes [KAFKA]"));
  }

  @Test
  void read_signedKafkaRunWithNonAscii_returnsRun() {
    ObjectNode message = PortMessages.envelope("r_1", "deploy", "KAFKA");
    ((ObjectNode) message.get("payload").get("properties")).put("owner", "Zoë Ünal");

    RunMessage read = reader().read(PortMessages.signed(message, SECRET, TS));

    assertThat(read).isInstanceOf(RunMessage.Run.class);
    RunMessage.Run run = (RunMessage.Run) read;
    assertThat(run.invocation().runId()).isEqualTo("r_1");
    assertThat(run.invocation().inputs().path("owner").asText()).isEqualTo("Zoë Ünal");
  }

  @Test
  void read_otherHeaderKept_isSignedAndPassedAsRequestHeader() {
    ObjectNode message = PortMessages.envelope("r_2", "deploy", "KAFKA");
    message.putObject("headers").put("RUN_ID", "r_2");

    RunMessage read = reader().read(PortMessages.signed(message, SECRET, TS));

    assertThat(((RunMessage.Run) read).invocation().headers().first("RUN_ID")).contains("r_2");
  }

  @Test
  void read_wrongSecret_skipsBadSignature() {
    byte[] value =
        PortMessages.signed(PortMessages.envelope("r_1", "deploy", "KAFKA"), "other", TS);

    RunMessage read = reader().read(value);

    assertThat(read)
        .isEqualTo(
            new RunMessage.Skipped(
                SkipReason.BAD_SIGNATURE,
                "MISMATCH: X-Port-Signature does not match the request body: check that the"
                    + " verifier uses this organization's Port client secret and that nothing"
                    + " re-encodes the body before verification"));
  }

  @Test
  void read_tamperedAfterSigning_skipsBadSignature() throws Exception {
    byte[] value = PortMessages.signed(PortMessages.envelope("r_1", "deploy", "KAFKA"), SECRET, TS);
    ObjectNode tampered = (ObjectNode) PortMessages.MAPPER.readTree(value);
    ((ObjectNode) tampered.get("context")).put("runId", "r_other");

    RunMessage read = reader().read(PortMessages.MAPPER.writeValueAsBytes(tampered));

    assertThat(((RunMessage.Skipped) read).reason()).isEqualTo(SkipReason.BAD_SIGNATURE);
  }

  @Test
  void read_noHeaders_skipsBadSignature() throws Exception {
    byte[] value =
        PortMessages.MAPPER.writeValueAsBytes(PortMessages.envelope("r_1", "deploy", "KAFKA"));

    assertThat(reader().read(value))
        .isEqualTo(
            new RunMessage.Skipped(
                SkipReason.BAD_SIGNATURE,
                "message has no headers object with X-Port-Signature: not signed by Port"));
  }

  @Test
  void read_timestampBeyondTolerance_skipsBadSignature() {
    byte[] value = PortMessages.signed(PortMessages.envelope("r_1", "deploy", "KAFKA"), SECRET, TS);
    RunMessageReader strict =
        RunMessageReader.builder()
            .secret(SECRET)
            .tolerance(Duration.ofMinutes(5))
            .clock(Clock.offset(AT_TS, Duration.ofMinutes(6)))
            .build();

    RunMessage.Skipped read = (RunMessage.Skipped) strict.read(value);

    assertThat(read.reason()).isEqualTo(SkipReason.BAD_SIGNATURE);
    assertThat(read.detail()).startsWith("OUTSIDE_TOLERANCE: X-Port-Timestamp is 360s in the past");
  }

  @Test
  void read_changeLogMessage_skipsNotForUs() {
    ObjectNode message =
        PortMessages.envelope("r_1", "deploy", "KAFKA").put("resourceType", "entity");

    assertThat(reader().read(PortMessages.signed(message, SECRET, TS)))
        .isEqualTo(
            new RunMessage.Skipped(SkipReason.NOT_FOR_US, "resourceType is 'entity', not 'run'"));
  }

  @Test
  void read_notJsonOrNotObject_skipsMalformed() {
    assertThat(reader().read("not json".getBytes(UTF_8)))
        .isEqualTo(new RunMessage.Skipped(SkipReason.MALFORMED, "message is not valid JSON"));
    assertThat(reader().read("[1]".getBytes(UTF_8)))
        .isEqualTo(
            new RunMessage.Skipped(SkipReason.MALFORMED, "message is JSON ARRAY, not an object"));
    assertThat(reader().read(null))
        .isEqualTo(new RunMessage.Skipped(SkipReason.MALFORMED, "empty message: not a Port run"));
  }

  @Test
  void read_overTheSizeLimit_skipsMalformedWithoutParsing() {
    RunMessageReader small =
        RunMessageReader.builder().secret(SECRET).clock(AT_TS).maxMessageBytes(64).build();
    byte[] value = PortMessages.signed(PortMessages.envelope("r_1", "deploy", "KAFKA"), SECRET, TS);

    assertThat(small.read(value))
        .isEqualTo(
            new RunMessage.Skipped(
                SkipReason.MALFORMED,
                "message is "
                    + value.length
                    + " bytes, over the limit of 64: not a Port run (raise maxMessageBytes if"
                    + " yours are that large)"));
  }

  @Test
  void read_duplicateKey_skipsMalformedNamingTheKey() {
    byte[] value =
        ("{\"resourceType\":\"run\",\"context\":{\"runId\":\"r_a\",\"runId\":\"r_b\"},"
                + "\"headers\":{}}")
            .getBytes(UTF_8);

    assertThat(reader().read(value))
        .isEqualTo(
            new RunMessage.Skipped(
                SkipReason.MALFORMED,
                "message has the key 'runId' twice in one object: not a Port run"));
  }

  @Test
  void read_signedWithoutRunId_skipsMalformed() {
    ObjectNode message = PortMessages.envelope("r_1", "deploy", "KAFKA");
    ((ObjectNode) message.get("context")).remove("runId");

    RunMessage.Skipped read =
        (RunMessage.Skipped) reader().read(PortMessages.signed(message, SECRET, TS));

    assertThat(read.reason()).isEqualTo(SkipReason.MALFORMED);
    assertThat(read.detail())
        .startsWith("no run id in the webhook; looked at body port_context.runId");
  }

  @Test
  void builder_noSecretOrNoTypes_failsNamingTheFix() {
    assertThatThrownBy(() -> RunMessageReader.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no secret: call secret(clientSecret) with the Port client secret, or verifier(...)");
    assertThatThrownBy(() -> RunMessageReader.builder().invocationTypes(Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invocationTypes is empty: give at least one, for example KAFKA");
  }

  @Test
  void toString_neverShowsSecret() {
    assertThat(reader().toString())
        .isEqualTo("RunMessageReader[invocationTypes=[KAFKA], secret=***]")
        .doesNotContain(SECRET);
  }
}
