package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the emulator accepts as a workflow (Port's JSON: {@code identifier}, {@code nodes[]}, {@code
 * connections[]}) and the order it runs the nodes in: one {@code SELF_SERVE_TRIGGER} node, then
 * {@code WEBHOOK} nodes in one line of connections from it. Other node types, agent-mode webhooks
 * and branches are refused as not emulated (ADR 0214). Stateless.
 */
final class WorkflowDefinitions {
  private WorkflowDefinitions() {}

  /** Returns a copy of {@code definition} once it is a workflow the emulator can run. */
  static ObjectNode validate(JsonNode definition) {
    if (definition == null || !definition.isObject()) {
      throw ApiError.invalid("a workflow is a JSON object");
    }
    ObjectNode workflow = ((ObjectNode) definition).deepCopy();
    Json.requiredString(workflow, "identifier");
    JsonNode nodes = workflow.path("nodes");
    if (!nodes.isArray() || nodes.isEmpty()) {
      throw ApiError.invalid("\"nodes\" must be a non-empty array");
    }
    Set<String> ids = new HashSet<>();
    for (JsonNode node : nodes) {
      String id = node.path("identifier").asText("");
      if (id.isBlank() || !ids.add(id)) {
        throw ApiError.invalid("every node needs its own \"identifier\", got \"" + id + "\"");
      }
      String type = node.path("config").path("type").asText("");
      if (type.equals("WEBHOOK")) {
        if (node.path("config").path("agent").asBoolean(false)) {
          throw notEmulated("agent-mode WEBHOOK nodes (node " + id + "): they go over Kafka");
        }
        if (!node.path("config").path("url").isTextual()) {
          throw ApiError.invalid("WEBHOOK node " + id + " needs a \"url\"");
        }
      } else if (!type.equals("SELF_SERVE_TRIGGER")) {
        throw notEmulated(
            "nodes of type " + (type.isEmpty() ? "(none)" : type) + " (node " + id + ")");
      }
    }
    triggerOf(workflow);
    webhookNodesInOrder(workflow);
    return workflow;
  }

  /** Returns the identifier of the workflow's trigger node. */
  static String triggerOf(JsonNode workflow) {
    List<String> triggers = new ArrayList<>();
    for (JsonNode node : workflow.path("nodes")) {
      if (node.path("config").path("type").asText().equals("SELF_SERVE_TRIGGER")) {
        triggers.add(node.path("identifier").asText());
      }
    }
    if (triggers.size() != 1) {
      throw ApiError.invalid(
          "the emulator runs workflows with exactly one SELF_SERVE_TRIGGER node, got " + triggers);
    }
    return triggers.get(0);
  }

  /** Returns the webhook nodes in the order the connections run them from the trigger. */
  static List<ObjectNode> webhookNodesInOrder(JsonNode workflow) {
    Map<String, ObjectNode> byId = new HashMap<>();
    workflow.path("nodes").forEach(n -> byId.put(n.path("identifier").asText(), (ObjectNode) n));
    Map<String, String> nextOf = new HashMap<>();
    for (JsonNode c : workflow.path("connections")) {
      String from = c.path("sourceIdentifier").asText();
      String to = c.path("targetIdentifier").asText();
      if (!byId.containsKey(from) || !byId.containsKey(to)) {
        throw ApiError.invalid("connection " + from + " -> " + to + " names an unknown node");
      }
      if (nextOf.put(from, to) != null) {
        throw notEmulated("branches (node " + from + " has two outgoing connections)");
      }
    }
    List<ObjectNode> order = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String at = triggerOf(workflow);
    seen.add(at);
    while (nextOf.containsKey(at)) {
      at = nextOf.get(at);
      if (!seen.add(at)) {
        throw ApiError.invalid("the connections loop back to node " + at);
      }
      order.add(byId.get(at));
    }
    if (order.size() != byId.size() - 1) {
      throw ApiError.invalid("every node must be reached from the trigger by the connections");
    }
    return order;
  }

  private static ApiError notEmulated(String what) {
    return new ApiError(
        501,
        "not_emulated",
        "the emulator does not run "
            + what
            + "; it runs a line of WEBHOOK nodes after a"
            + " SELF_SERVE_TRIGGER (docs/testing-with-port-testkit.md, workflows)");
  }
}
