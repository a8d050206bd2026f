package io.portkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;
import io.portkit.backend.PortBackend;
import io.portkit.client.workflow.LogLevel;
import io.portkit.client.workflow.NodeRunContext;
import io.portkit.client.workflow.NodeRunLog;
import io.portkit.testkit.EmulatedNodeRun;
import io.portkit.testkit.EmulatedWorkflowRun;
import io.portkit.testkit.PortEmulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workflow node runs ({@code wfnr_...}) over Kafka, on a real broker: signed like action runs, run
 * by the same handler API and reported through the node-run routes of the emulator, where a
 * workflow waits on an asynchronous node.
 */
class KafkaNodeRunTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static KafkaBroker broker;
  private static PortEmulator port;
  private static HttpServer accepting;

  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    broker = KafkaBroker.start();
    port = PortEmulator.start();
    accepting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    accepting.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    accepting.start();
    // The node waits for its PATCH, as an agent-mode (Kafka) node does in Port.
    port.defineWorkflow(
        """
        {"identifier":"w","nodes":[
          {"identifier":"trigger","config":{"type":"SELF_SERVE_TRIGGER"}},
          {"identifier":"notify","config":{"type":"WEBHOOK","synchronized":false,
            "url":"http://127.0.0.1:%d/"}}],
         "connections":[{"sourceIdentifier":"trigger","targetIdentifier":"notify"}]}"""
            .formatted(accepting.getAddress().getPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    accepting.stop(0);
    port.close();
    broker.close();
  }

  @AfterEach
  void closeMembers() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** Starts a workflow run and returns its node run, waiting for Kafka. */
  private static EmulatedNodeRun nodeRun(String[] workflowRun) {
    workflowRun[0] = port.runWorkflow("w", PortMessages.MAPPER.createObjectNode()).id();
    return port.awaitNodeDelivery(workflowRun[0], "notify", WAIT);
  }

  private String consumer(UnaryOperator<PortBackend.Builder> handlers) throws Exception {
    String topic = "org_test_nodes" + NAMES.incrementAndGet() + ".runs";
    broker.createTopic(topic, 1);
    PortBackend backend =
        handlers
            .apply(PortBackend.builder().credentials(port.credentials()).apiUrl(port.baseUri()))
            .build();
    open.add(backend);
    open.add(
        KafkaRunConsumer.builder()
            .settings(broker.settings(topic, topic + "-group"))
            .backend(backend)
            .reader(
                RunMessageReader.builder()
                    .verifier(backend.verifier())
                    .invocationTypes(Set.of("KAFKA", "WEBHOOK"))
                    .build())
            .retryBackoff(Duration.ofMillis(100))
            .start());
    return topic;
  }

  /** The message Port's agent reads for an agent-mode webhook node: the node run in context. */
  private static ObjectNode agentMessage(String nodeRunId) {
    ObjectNode root = PortMessages.MAPPER.createObjectNode();
    root.putObject("payload")
        .putObject("action")
        .putObject("invocationMethod")
        .put("type", "WEBHOOK")
        .put("url", "https://example.com/")
        .put("method", "POST")
        .put("agent", true);
    root.putObject("context").put("runId", nodeRunId);
    return root;
  }

  private static void send(String topic, ObjectNode message) {
    String runId = message.at("/context/runId").asText(message.at("/port_context/runId").asText());
    broker.send(
        topic,
        runId,
        PortMessages.signed(message, port.clientSecret(), Instant.now().getEpochSecond()));
  }

  @Test
  void agentShapedNodeRun_runsTheDefaultHandler_andIsPatchedCompleted() throws Exception {
    String topic =
        consumer(
            b ->
                b.defaultHandler(
                    (run, ctx) -> {
                      NodeRunContext node = (NodeRunContext) ctx;
                      node.log(LogLevel.WARN, "sent over Kafka");
                      node.putOutput("delivered", TextNode.valueOf(run.runId()));
                    }));
    String[] wfr = new String[1];
    EmulatedNodeRun waiting = nodeRun(wfr);

    send(topic, agentMessage(waiting.id()));
    EmulatedWorkflowRun done = port.awaitWorkflowRun(wfr[0], WAIT);

    EmulatedNodeRun node = done.nodeRun("notify").orElseThrow();
    assertThat(done.result()).isEqualTo("SUCCESS");
    assertThat(node.result()).isEqualTo("SUCCESS");
    assertThat(node.output().path("delivered").asText()).isEqualTo(waiting.id());
    assertThat(node.logs()).contains(NodeRunLog.of(LogLevel.WARN, "sent over Kafka"));
  }

  @Test
  void namedNode_synchronizedHandler_isReportedAsTheAgentReportsIt() throws Exception {
    String topic = consumer(b -> b.workflowNode("notify", (run, ctx) -> Map.of("ticket", "T-7")));
    String[] wfr = new String[1];
    EmulatedNodeRun waiting = nodeRun(wfr);
    ObjectNode message = PortMessages.MAPPER.createObjectNode();
    message.putObject("port_context").put("runId", waiting.id()).put("node", "notify");

    send(topic, message);
    EmulatedWorkflowRun done = port.awaitWorkflowRun(wfr[0], WAIT);

    EmulatedNodeRun node = done.nodeRun("notify").orElseThrow();
    assertThat(node.result()).isEqualTo("SUCCESS");
    assertThat(node.output().at("/response/status").asInt()).isEqualTo(200);
    assertThat(node.output().at("/response/data/ticket").asText()).isEqualTo("T-7");
  }

  @Test
  void namedNode_handlerThrows_nodeFailsWithTheReasonInALog() throws Exception {
    String topic =
        consumer(
            b ->
                b.workflowNode(
                    "notify",
                    (run, ctx) -> {
                      throw new IllegalStateException("the pager is down");
                    }));
    String[] wfr = new String[1];
    EmulatedNodeRun waiting = nodeRun(wfr);
    ObjectNode message = PortMessages.MAPPER.createObjectNode();
    message.putObject("port_context").put("runId", waiting.id()).put("node", "notify");

    send(topic, message);
    EmulatedWorkflowRun done = port.awaitWorkflowRun(wfr[0], WAIT);

    EmulatedNodeRun node = done.nodeRun("notify").orElseThrow();
    assertThat(done.result()).isEqualTo("FAILED");
    assertThat(node.result()).isEqualTo("FAILED");
    assertThat(node.logs())
        .contains(
            NodeRunLog.of(
                LogLevel.ERROR, "handler failed: IllegalStateException: the pager is down"));
  }
}
