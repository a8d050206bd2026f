package io.portkit.testkit.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portkit.backend.PortBackend;
import io.portkit.backend.dispatch.Completion;
import io.portkit.backend.dispatch.HandOffResult;
import io.portkit.backend.dispatch.HandlerOptions;
import io.portkit.client.run.HandOff;
import io.portkit.client.workflow.LogLevel;
import io.portkit.client.workflow.NodeRunLog;
import io.portkit.testkit.EmulatedNodeRun;
import io.portkit.testkit.EmulatedWorkflowRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.webhook.server.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Workflows of webhook nodes on the emulator, run by a PortBackend over signed webhooks: a
 * synchronized node answers with its output, an asynchronous one PATCHes it, outputs flow to the
 * next node's template, a throwing handler fails its node with the reason in a log, a cancel
 * cancels the running node.
 */
class WorkflowsEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** trigger -> create_bucket (synchronized) -> notify (asynchronous), both at {@code url}. */
  static String workflow(URI url) {
    return """
        {"identifier":"provision","title":"Provision",
         "nodes":[
          {"identifier":"trigger","title":"Start","config":{"type":"SELF_SERVE_TRIGGER",
            "userInputs":{"properties":{"name":{"type":"string"}}}}},
          {"identifier":"create_bucket","title":"Create bucket",
           "config":{"type":"WEBHOOK","url":"%1$s",
            "body":{"port_context":{"runId":"{{ .run.id }}","node":"create_bucket"},
                    "inputs":"{{ .outputs.trigger }}"}}},
          {"identifier":"notify","title":"Notify",
           "config":{"type":"WEBHOOK","url":"%1$s","synchronized":false,
            "body":{"port_context":{"runId":"{{ .run.id }}","node":"notify"},
                    "bucket":"{{ .outputs.create_bucket.response.data.bucket }}"}},
           "variables":{"sent_to":"{{ .notified }}"}}],
         "connections":[{"sourceIdentifier":"trigger","targetIdentifier":"create_bucket"},
                        {"sourceIdentifier":"create_bucket","targetIdentifier":"notify"}]}
        """
        .formatted(url);
  }

  private static JsonNode inputs(String name) {
    return MAPPER.createObjectNode().put("name", name);
  }

  /** A backend for {@code port} with {@code nodes} registered, served on a free port. */
  private record Rig(PortBackend backend, WebhookReceiver receiver) implements AutoCloseable {
    static Rig start(PortEmulator port, UnaryOperator<PortBackend.Builder> nodes) {
      PortBackend backend =
          nodes
              .apply(PortBackend.builder().credentials(port.credentials()).apiUrl(port.baseUri()))
              .build();
      WebhookReceiver rx =
          WebhookReceiver.builder()
              .backend(backend)
              .port(0)
              .shutdownHook(false)
              .stopGrace(Duration.ZERO)
              .start();
      port.defineWorkflow(workflow(rx.uri()));
      return new Rig(backend, rx);
    }

    @Override
    public void close() {
      receiver.close();
    }
  }

  @Test
  void twoNodes_syncAnswersOutput_asyncPatchesIt_outputsFlowToTheNextNode() {
    try (PortEmulator port = PortEmulator.start();
        Rig rig =
            Rig.start(
                port,
                b ->
                    b.workflowNode(
                            "create_bucket",
                            (run, ctx) -> {
                              ctx.log(
                                  LogLevel.INFO,
                                  "creating a bucket for " + run.inputs().path("name").asText());
                              return Map.of(
                                  "bucket", "bucket-" + run.inputs().path("name").asText());
                            })
                        .workflowNode(
                            "notify",
                            (run, ctx) -> {
                              ctx.log(LogLevel.DEBUG, "notifying", Map.of("channel", "#ops"));
                              ctx.putOutput(
                                  "notified", TextNode.valueOf(run.raw().path("bucket").asText()));
                              return null;
                            },
                            HandlerOptions.defaults()))) {

      EmulatedWorkflowRun started = port.runWorkflow("provision", inputs("alpha"));
      EmulatedWorkflowRun done = port.awaitWorkflowRun(started.id(), WAIT);

      assertThat(started.id()).matches("wfr_[A-Za-z0-9]{16}");
      assertThat(done.result()).as(done.toString()).isEqualTo("SUCCESS");
      EmulatedNodeRun create = done.nodeRun("create_bucket").orElseThrow();
      EmulatedNodeRun notify = done.nodeRun("notify").orElseThrow();
      assertThat(create.id()).matches("wfnr_[A-Za-z0-9]{16}");
      assertThat(create.result()).isEqualTo("SUCCESS");
      assertThat(create.output().path("response").path("status").asInt()).isEqualTo(200);
      assertThat(create.output().path("response").path("data"))
          .isEqualTo(MAPPER.createObjectNode().put("bucket", "bucket-alpha"));
      assertThat(create.logs())
          .contains(NodeRunLog.of(LogLevel.INFO, "creating a bucket for alpha"));
      assertThat(notify.payload().path("body").path("bucket").asText()).isEqualTo("bucket-alpha");
      assertThat(notify.result()).isEqualTo("SUCCESS");
      assertThat(notify.output())
          .isEqualTo(MAPPER.createObjectNode().put("notified", "bucket-alpha"));
      assertThat(notify.logs())
          .contains(new NodeRunLog(LogLevel.DEBUG, "notifying", Map.of("channel", "#ops")));
      assertThat(done.outputs().path("trigger").path("name").asText()).isEqualTo("alpha");
      assertThat(done.outputs().path("notify").path("sent_to").asText()).isEqualTo("bucket-alpha");
      assertThat(port.requests())
          .anyMatch(
              r ->
                  r.method().equals("PATCH")
                      && r.path().equals("/v1/workflows/nodes/runs/" + notify.id()))
          .anyMatch(
              r ->
                  r.method().equals("POST")
                      && r.path().equals("/v1/workflows/nodes/runs/" + create.id() + "/logs"));
    }
  }

  @Test
  void handlerThrows_syncNodeFailsWithTheReasonInALog_andTheRunStops() {
    try (PortEmulator port = PortEmulator.start();
        Rig rig =
            Rig.start(
                port,
                b ->
                    b.workflowNode(
                            "create_bucket",
                            (run, ctx) -> {
                              throw new IllegalStateException("quota exceeded");
                            })
                        .workflowNode("notify", (run, ctx) -> null))) {

      EmulatedWorkflowRun done =
          port.awaitWorkflowRun(port.runWorkflow("provision", inputs("beta")).id(), WAIT);

      assertThat(done.result()).isEqualTo("FAILED");
      assertThat(done.nodeRuns())
          .extracting(EmulatedNodeRun::node)
          .containsExactly("create_bucket");
      EmulatedNodeRun failed = done.nodeRun("create_bucket").orElseThrow();
      assertThat(failed.result()).isEqualTo("FAILED");
      assertThat(failed.logs())
          .contains(
              NodeRunLog.of(
                  LogLevel.ERROR, "handler failed: IllegalStateException: quota exceeded"));
    }
  }

  @Test
  void handlerThrows_asyncNodeIsPatchedFailedWithTheReasonInALog() {
    try (PortEmulator port = PortEmulator.start();
        Rig rig =
            Rig.start(
                port,
                b ->
                    b.workflowNode("create_bucket", (run, ctx) -> Map.of("bucket", "b-1"))
                        .workflowNode(
                            "notify",
                            (run, ctx) -> {
                              throw new IllegalArgumentException("no such channel");
                            },
                            HandlerOptions.defaults()))) {

      EmulatedWorkflowRun done =
          port.awaitWorkflowRun(port.runWorkflow("provision", inputs("gamma")).id(), WAIT);

      assertThat(done.result()).isEqualTo("FAILED");
      EmulatedNodeRun failed = done.nodeRun("notify").orElseThrow();
      assertThat(failed.result()).isEqualTo("FAILED");
      assertThat(failed.logs())
          .contains(
              NodeRunLog.of(
                  LogLevel.ERROR, "handler failed: IllegalArgumentException: no such channel"));
    }
  }

  @Test
  void cancel_whileANodeIsHandedOff_cancelsIt_andALateCompletionChangesNothing() {
    try (PortEmulator port = PortEmulator.start();
        Rig rig =
            Rig.start(
                port,
                b ->
                    b.workflowNode("create_bucket", (run, ctx) -> Map.of("bucket", "b-2"))
                        .workflowNode(
                            "notify",
                            (run, ctx) -> {
                              ctx.handOff(
                                  HandOff.of(
                                      "chat-42",
                                      Instant.now().plus(Duration.ofHours(1)),
                                      "the chat bot"));
                              return null;
                            },
                            HandlerOptions.defaults()))) {
      String id = port.runWorkflow("provision", inputs("delta")).id();
      awaitHandedOff(rig, port, id);

      EmulatedWorkflowRun cancelled = port.cancelWorkflowRun(id);
      Completion late = rig.backend().handOffs().complete("chat-42", HandOffResult.success("sent"));

      assertThat(cancelled.result()).isEqualTo("CANCELLED");
      assertThat(cancelled.nodeRun("notify").orElseThrow().result()).isEqualTo("CANCELLED");
      assertThat(cancelled.nodeRun("notify").orElseThrow().externalRunId()).isEqualTo("chat-42");
      assertThat(late.kind()).isEqualTo(Completion.Kind.ALREADY_FINISHED);
      assertThat(port.workflowRun(id).orElseThrow().nodeRun("notify").orElseThrow().result())
          .isEqualTo("CANCELLED");
    }
  }

  @Test
  void handedOffNode_completedByExternalIdFoundInPort_movesTheWorkflowOn() {
    try (PortEmulator port = PortEmulator.start();
        Rig rig =
            Rig.start(
                port,
                b ->
                    b.workflowNode("create_bucket", (run, ctx) -> Map.of("bucket", "b-3"))
                        .workflowNode(
                            "notify",
                            (run, ctx) -> {
                              ctx.handOff(
                                  HandOff.of(
                                      "chat-43",
                                      Instant.now().plus(Duration.ofHours(1)),
                                      "the chat bot"));
                              return null;
                            },
                            HandlerOptions.defaults()))) {
      String id = port.runWorkflow("provision", inputs("epsilon")).id();
      awaitHandedOff(rig, port, id);
      io.portkit.backend.dispatch.HandOffs remote =
          io.portkit.backend.dispatch.HandOffs.remote(rig.backend().client());

      Completion c =
          remote.complete(
              "chat-43",
              HandOffResult.builder(io.portkit.client.run.FinalStatus.SUCCESS)
                  .lastLog("the bot posted")
                  .output(MAPPER.createObjectNode().put("message", "posted"))
                  .build());
      EmulatedWorkflowRun done = port.awaitWorkflowRun(id, WAIT);

      assertThat(c.kind()).as(c.message()).isEqualTo(Completion.Kind.COMPLETED);
      assertThat(done.result()).isEqualTo("SUCCESS");
      assertThat(done.nodeRun("notify").orElseThrow().output().path("message").asText())
          .isEqualTo("posted");
      assertThat(done.nodeRun("notify").orElseThrow().logs())
          .contains(NodeRunLog.of(LogLevel.INFO, "the bot posted"));
    }
  }

  @Test
  void defineWorkflow_withANodeTypeNotEmulated_isRefusedSayingSo() {
    try (PortEmulator port = PortEmulator.start()) {
      assertThatThrownBy(
              () ->
                  port.defineWorkflow(
                      """
                      {"identifier":"w","nodes":[
                        {"identifier":"trigger","config":{"type":"SELF_SERVE_TRIGGER"}},
                        {"identifier":"c","config":{"type":"CONDITION","conditions":[]}}],
                       "connections":[{"sourceIdentifier":"trigger","targetIdentifier":"c"}]}"""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not run nodes of type CONDITION");
    }
  }

  /** Waits until the backend awaits the hand-off of run {@code id}'s notify node. */
  private static void awaitHandedOff(Rig rig, PortEmulator port, String id) {
    port.awaitNodeDelivery(id, "notify", WAIT); // answered: the run is taken
    assertThat(rig.backend().awaitIdle(WAIT)).isTrue(); // its handler returned, hand-off awaited
    assertThat(rig.backend().handOffs().pending()).hasSize(1);
  }

  static JsonNode json(String s) {
    try {
      return MAPPER.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
