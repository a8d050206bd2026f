package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.workflow.NodeRunLog;
import io.portkit.testkit.EmulatedNodeRun;
import io.portkit.testkit.EmulatedWorkflowRun;
import io.portkit.testkit.WebhookDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The mutable records of workflow runs and node runs; guarded by {@link WorkflowStore}'s lock. */
final class WorkflowRecords {
  private WorkflowRecords() {}

  /** One workflow run. */
  static final class Run {
    final String id;
    final String workflow;
    final List<ObjectNode> nodes; // the webhook nodes in the order they run
    final ObjectNode outputs = Json.object();
    final List<Node> nodeRuns = new ArrayList<>();
    final Instant createdAt;
    String status = "IN_PROGRESS";
    String result;
    Instant completedAt;

    Run(String id, String workflow, List<ObjectNode> nodes, Instant createdAt) {
      this.id = id;
      this.workflow = workflow;
      this.nodes = List.copyOf(nodes);
      this.createdAt = createdAt;
    }

    boolean completed() {
      return completedAt != null;
    }

    void complete(String result, Instant at) {
      this.status = "COMPLETED";
      this.result = result;
      this.completedAt = at;
    }

    EmulatedWorkflowRun snapshot() {
      return new EmulatedWorkflowRun(
          id, workflow, status, result, nodeRuns.stream().map(Node::snapshot).toList(), outputs);
    }

    ObjectNode json() {
      ObjectNode o = Json.object().put("identifier", id).put("workflowIdentifier", workflow);
      o.put("status", status).putPOJO("result", result);
      ArrayNode runs = o.putArray("nodeRuns");
      nodeRuns.forEach(n -> runs.add(n.json()));
      o.putObject("variables").set("outputs", outputs.deepCopy());
      o.put("createdAt", Json.time(createdAt));
      if (completedAt != null) {
        o.put("completedAt", Json.time(completedAt));
      }
      return o;
    }
  }

  /** One node run. */
  static final class Node {
    final String id;
    final ObjectNode definition;
    final Run run;
    final boolean sync;
    final Instant createdAt;
    final List<NodeRunLog> logs = new ArrayList<>();
    final List<WebhookDelivery> deliveries = new ArrayList<>();
    String status = "IN_PROGRESS";
    String result;
    ObjectNode output = Json.object();
    String externalRunId;
    JsonNode payload;
    Instant completedAt;

    Node(String id, ObjectNode definition, Run run, boolean sync, Instant createdAt) {
      this.id = id;
      this.definition = definition;
      this.run = run;
      this.sync = sync;
      this.createdAt = createdAt;
    }

    String identifier() {
      return definition.path("identifier").asText();
    }

    boolean completed() {
      return completedAt != null;
    }

    void complete(String result, Instant at) {
      this.status = "COMPLETED";
      this.result = result;
      this.completedAt = at;
    }

    EmulatedNodeRun snapshot() {
      return new EmulatedNodeRun(
          id,
          identifier(),
          run.id,
          status,
          result,
          output,
          externalRunId,
          logs,
          payload == null ? null : payload.deepCopy(),
          deliveries);
    }

    ObjectNode json() {
      ObjectNode o = Json.object().put("identifier", id).put("workflowRunIdentifier", run.id);
      o.put("nodeIdentifier", identifier());
      o.put("nodeTitle", definition.path("title").asText(identifier()));
      o.put("nodeConfigType", definition.path("config").path("type").asText());
      o.put("status", status).putPOJO("result", result);
      o.set("output", output.deepCopy());
      if (externalRunId != null) {
        o.put("externalRunId", externalRunId);
      }
      o.set("nodeRunLogs", logsJson());
      o.put("createdAt", Json.time(createdAt));
      if (completedAt != null) {
        o.put("completedAt", Json.time(completedAt));
      }
      return o;
    }

    ArrayNode logsJson() {
      ArrayNode out = Json.MAPPER.createArrayNode();
      for (NodeRunLog log : logs) {
        ObjectNode line =
            out.addObject().put("logLevel", log.level().name()).put("log", log.message());
        ObjectNode tags = line.putObject("tags");
        log.tags().forEach(tags::put);
      }
      return out;
    }
  }
}
