package io.portkit.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.portkit.backend.invocation.Signer;
import io.portkit.client.catalog.Action;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** portkit.transport=kafka: a run published to ORG_ID.runs reaches the same annotated handler. */
@SpringBootTest(
    classes = DeployApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "portkit.transport=kafka",
      "portkit.kafka.org-id=org_test",
      "portkit.kafka.security-protocol=PLAINTEXT",
      "portkit.kafka.properties.session.timeout.ms=6000",
      "portkit.kafka.properties.heartbeat.interval.ms=500"
    })
@AutoConfigurePortEmulator
class KafkaTransportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KafkaBroker BROKER = start();

  private static KafkaBroker start() {
    try {
      KafkaBroker broker = KafkaBroker.start();
      broker.createTopic("org_test.runs");
      return broker;
    } catch (Exception e) {
      throw new IllegalStateException("the in-JVM Kafka broker did not start", e);
    }
  }

  @DynamicPropertySource
  static void brokers(DynamicPropertyRegistry registry) {
    registry.add("portkit.kafka.brokers", BROKER::bootstrapServers);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    BROKER.close();
  }

  @Autowired PortEmulator emulator;
  @Autowired MeterRegistry registry;
  @Autowired io.portkit.backend.PortBackend backend;

  @Test
  void runPublishedToTheTopic_reachesTheAnnotatedHandler_endsSuccess() throws Exception {
    emulator.defineAction(
        Action.fromJson(
            "{\"identifier\":\"deploy_service\",\"trigger\":{\"type\":\"self-service\","
                + "\"operation\":\"DAY-2\"},\"invocationMethod\":{\"type\":\"KAFKA\"}}"));
    ObjectNode inputs = JSON.createObjectNode().put("service", "ledger").put("version", "2.0.0");
    String runId = emulator.createRun("deploy_service", inputs).id();

    BROKER.send("org_test.runs", runId, signed(envelope(runId, inputs), emulator.clientSecret()));

    EmulatedRun run = emulator.awaitRun(runId, RunStatus.SUCCESS, java.time.Duration.ofSeconds(30));
    assertThat(backend.awaitIdle(java.time.Duration.ofSeconds(5))).isTrue();
    assertThat(run.summary()).isEqualTo("deployed ledger 2.0.0");
    assertThat(
            registry
                .get("portkit.runs")
                .tags("action", "deploy_service", "transport", "kafka", "outcome", "success")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(MdcCapturingProvider.LINES)
        .filteredOn(l -> l.message().equals("deploying ledger 2.0.0"))
        .singleElement()
        .satisfies(l -> assertThat(l.mdc()).containsEntry("portkit.run.id", runId));
  }

  /** The legacy envelope Port publishes for a KAFKA action. */
  private static ObjectNode envelope(String runId, ObjectNode inputs) {
    ObjectNode root = JSON.createObjectNode();
    root.put("action", "deploy_service").put("resourceType", "run").put("status", "TRIGGERED");
    root.putObject("trigger").put("origin", "UI").putObject("by").put("orgId", "org_test");
    root.putObject("context").putNull("entity").put("runId", runId);
    ObjectNode payload = root.putObject("payload");
    payload.putNull("entity");
    payload
        .putObject("action")
        .put("identifier", "deploy_service")
        .putObject("invocationMethod")
        .put("type", "KAFKA");
    payload.set("properties", inputs);
    return root;
  }

  /** Signs as Port does: the compact JSON with "headers": {}, then adds the two headers. */
  private static byte[] signed(ObjectNode message, String secret) throws Exception {
    ObjectNode copy = message.deepCopy();
    copy.putObject("headers");
    long now = System.currentTimeMillis() / 1000;
    String signature = Signer.withSecret(secret).sign(now, JSON.writeValueAsBytes(copy));
    ((ObjectNode) copy.get("headers"))
        .put("X-Port-Signature", signature)
        .put("X-Port-Timestamp", Long.toString(now));
    return JSON.writeValueAsBytes(copy);
  }
}
