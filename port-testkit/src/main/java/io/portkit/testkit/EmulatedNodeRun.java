package io.portkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.workflow.NodeRunLog;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one workflow node run held by the emulator (Workflows are in beta).
 *
 * @param id the node run id ({@code wfnr_} + 16 letters and digits)
 * @param node the node's identifier
 * @param workflowRunId the workflow run it belongs to ({@code wfr_...})
 * @param status {@code IN_PROGRESS} or {@code COMPLETED}
 * @param result {@code SUCCESS}, {@code FAILED} or {@code CANCELLED} once completed, else null
 * @param output the node's output (a synchronized webhook's {@code {"response": {"status",
 *     "data"}}}, or what a PATCH sent)
 * @param externalRunId the backend's id for it, or null
 * @param logs the node run's log lines, oldest first (port-client's {@link NodeRunLog})
 * @param payload the rendered webhook ({@code url, method, headers, body, synchronized}), or null
 * @param deliveries the webhook calls made, oldest first
 */
public record EmulatedNodeRun(
    String id,
    String node,
    String workflowRunId,
    String status,
    @Nullable String result,
    ObjectNode output,
    @Nullable String externalRunId,
    List<NodeRunLog> logs,
    @Nullable JsonNode payload,
    List<WebhookDelivery> deliveries) {
  /** Validates the components and copies the lists. */
  public EmulatedNodeRun {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(node, "node == null");
    Objects.requireNonNull(status, "status == null");
    output = output.deepCopy();
    logs = List.copyOf(logs);
    deliveries = List.copyOf(deliveries);
  }

  /** Returns whether the node run has completed. */
  public boolean isCompleted() {
    return "COMPLETED".equals(status);
  }
}
