package io.portkit.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.workflow.NodeRunLog;
import io.portkit.client.workflow.NodeRunUpdate;
import io.portkit.client.workflow.WorkflowNodeRun;
import io.portkit.client.workflow.WorkflowNodeRunsApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link WorkflowNodeRunsApi} over {@link PortApi}. Thread-safe. */
public final class HttpWorkflowNodeRunsApi implements WorkflowNodeRunsApi {
  private static final String NODE_RUNS = "/v1/workflows/nodes/runs";

  private final PortApi api;

  /** Creates the API. */
  public HttpWorkflowNodeRunsApi(PortApi api) {
    this.api = Objects.requireNonNull(api, "api == null");
  }

  @Override
  public void update(String nodeRunId, NodeRunUpdate update) {
    Objects.requireNonNull(update, "update == null");
    // A retried PATCH may add its log lines twice; that beats losing the status (ADR 0002).
    api.send(new ApiCall("PATCH", path(nodeRunId), "", body(update), ApiCall.Replay.IDEMPOTENT));
  }

  /**
   * Returns the PATCH body of {@code update}: null fields omitted, logs as {@code logLevel/log}.
   */
  public static ObjectNode body(NodeRunUpdate update) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (update.status() != null) {
      o.put("status", update.status().name());
    }
    if (update.result() != null) {
      o.put("result", update.result().name());
    }
    if (update.output() != null) {
      o.set("output", update.output());
    }
    if (!update.logs().isEmpty()) {
      ArrayNode logs = o.putArray("logs");
      for (NodeRunLog log : update.logs()) {
        ObjectNode line =
            logs.addObject().put("logLevel", log.level().name()).put("log", log.message());
        if (!log.tags().isEmpty()) {
          ObjectNode tags = line.putObject("tags");
          log.tags().forEach(tags::put);
        }
      }
    }
    if (update.externalRunId() != null) {
      o.put("externalRunId", update.externalRunId());
    }
    return o;
  }

  @Override
  public void addLogs(String nodeRunId, List<NodeRunLog> logs) {
    Objects.requireNonNull(logs, "logs == null");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode lines = body.putArray("logs");
    logs.forEach(l -> lines.addObject().put("level", l.level().name()).put("message", l.message()));
    api.send(new ApiCall("POST", path(nodeRunId) + "/logs", "", body, ApiCall.Replay.IDEMPOTENT));
  }

  @Override
  public List<WorkflowNodeRun> byExternalRunId(String externalRunId) {
    Objects.requireNonNull(externalRunId, "externalRunId == null");
    JsonNode answer =
        api.send(ApiCall.get(NODE_RUNS, Paths.query(Map.of("external_run_id", externalRunId))));
    // Port's clients have read both "nodeRuns" and "runs" here (ADR 0210).
    JsonNode runs = answer.has("nodeRuns") ? answer.get("nodeRuns") : answer.path("runs");
    List<WorkflowNodeRun> out = new ArrayList<>();
    runs.forEach(n -> out.add(WorkflowNodeRun.fromJson(n)));
    return List.copyOf(out);
  }

  private static String path(String nodeRunId) {
    return NODE_RUNS + "/" + Paths.segment(nodeRunId, "nodeRunId");
  }
}
