package io.portkit.kafka.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.dispatch.DispatchOutcome.SyncResult;
import io.portkit.client.PortClient;
import io.portkit.client.PortException;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.workflow.NodeRunResult;
import io.portkit.client.workflow.NodeRunStatus;
import io.portkit.client.workflow.NodeRunUpdate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the result of a synchronized workflow node that arrived over Kafka, the way Port's
 * execution agent reports a synchronized agent-mode node: {@code {"status": "COMPLETED", "result":
 * "SUCCESS", "output": {"response": {"status": 200, "data": <output>}}}}, or {@code {"status":
 * "COMPLETED", "result": "FAILED"}} (the reason is already in the node's log). Stateless.
 */
final class NodeRunReports {
  private static final Logger log = LoggerFactory.getLogger(NodeRunReports.class);

  private NodeRunReports() {}

  static boolean isNodeRun(String runId) {
    return runId.startsWith("wfnr_");
  }

  static void report(@Nullable PortClient client, String runId, SyncResult result) {
    if (client == null) {
      log.error(
          "node run {} ended {} but this consumer has no Port client to report it with: give the"
              + " consumer a backend (or a client)",
          runId,
          result.status());
      return;
    }
    NodeRunUpdate.Builder update = NodeRunUpdate.builder().status(NodeRunStatus.COMPLETED);
    if (result.status() == FinalStatus.SUCCESS) {
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      ObjectNode response = output.putObject("response").put("status", 200);
      ObjectNode data = result.output();
      response.set("data", data == null ? JsonNodeFactory.instance.objectNode() : data);
      update.result(NodeRunResult.SUCCESS).output(output);
    } else {
      update.result(NodeRunResult.FAILED);
    }
    try {
      client.workflowNodeRuns().update(runId, update.build());
    } catch (PortException e) {
      log.error(
          "node run {}: reporting {} to Port failed ({}); set it by hand (PATCH"
              + " /v1/workflows/nodes/runs/{} with status COMPLETED)",
          runId,
          result.status(),
          e.toString(),
          runId);
    }
  }
}
