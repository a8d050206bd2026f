package io.portkit.client.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A workflow node run as Port returns it, tolerant of fields it adds later. Immutable; the JSON
 * nodes must not be modified.
 *
 * @param identifier the node run id, {@code wfnr_} and 16 letters or digits
 * @param status {@code IN_PROGRESS} or {@code COMPLETED}, as Port sent it
 * @param result {@code SUCCESS}, {@code FAILED} or {@code CANCELLED} once completed, else null
 * @param output the node's output object (empty when absent)
 * @param externalRunId the backend's id for it, or null
 * @param raw the whole JSON object
 */
public record WorkflowNodeRun(
    String identifier,
    String status,
    @Nullable String result,
    JsonNode output,
    @Nullable String externalRunId,
    JsonNode raw) {
  /** Validates the identifier and status. */
  public WorkflowNodeRun {
    Objects.requireNonNull(identifier, "identifier == null");
    Objects.requireNonNull(status, "status == null");
    output = output == null ? JsonNodeFactory.instance.objectNode() : output;
    raw = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
  }

  /**
   * Reads a node run object; the id may be in {@code identifier} or {@code id}.
   *
   * @throws IllegalArgumentException without an id or a status
   */
  public static WorkflowNodeRun fromJson(JsonNode node) {
    Objects.requireNonNull(node, "node == null");
    String id = text(node, "identifier");
    if (id == null) {
      id = text(node, "id");
    }
    String status = text(node, "status");
    if (id == null || status == null) {
      throw new IllegalArgumentException(
          "not a workflow node run: the JSON needs identifier (or id) and status");
    }
    JsonNode output = node.get("output");
    return new WorkflowNodeRun(
        id,
        status,
        text(node, "result"),
        output != null && output.isObject() ? output : null,
        text(node, "externalRunId"),
        node);
  }

  /** Returns whether the node run has completed. */
  public boolean isCompleted() {
    return NodeRunStatus.COMPLETED.name().equals(status);
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
