package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.workflow.LogLevel;
import io.portkit.client.workflow.NodeRunLog;
import io.portkit.testkit.internal.WorkflowEngine.NodeRunPatch;
import io.portkit.testkit.internal.WorkflowRecords.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Routes for workflow runs and node runs (Port Workflows, beta; ADR 0214). */
final class WorkflowRoutes {
  private static final Set<String> PATCH_FIELDS =
      Set.of("status", "result", "output", "logs", "externalRunId");
  private static final Set<String> STATUSES = Set.of("IN_PROGRESS", "COMPLETED");
  private static final Set<String> RESULTS = Set.of("SUCCESS", "FAILED", "CANCELLED");

  private final WorkflowEngine engine;
  private final WorkflowStore store;

  WorkflowRoutes(WorkflowEngine engine) {
    this.engine = engine;
    this.store = engine.store();
  }

  List<Route> routes() {
    return List.of(
        Route.auth("GET", "/v1/workflows/nodes/runs", this::listNodeRuns),
        Route.auth("PATCH", "/v1/workflows/nodes/runs/{node_run_identifier}", this::patch),
        Route.auth("POST", "/v1/workflows/nodes/runs/{node_run_identifier}/logs", this::addLogs),
        Route.auth("GET", "/v1/workflows/nodes/runs/{node_run_identifier}/logs", this::logs),
        Route.auth("GET", "/v1/workflows/runs/{workflow_run_identifier}", this::getRun),
        Route.auth("POST", "/v1/workflows/runs/{workflow_run_identifier}/cancel", this::cancel),
        Route.auth("POST", "/v1/workflows/{workflow_identifier}/runs", this::start));
  }

  private ApiResponse start(ApiRequest request) {
    ObjectNode body = Json.requireObject(request.json());
    Json.rejectUnknownFields(body, Set.of("inputs", "nodeIdentifier"));
    JsonNode inputs = body.path("inputs");
    if (body.has("inputs") && !inputs.isObject()) {
      throw ApiError.invalid("\"inputs\" must be an object");
    }
    ObjectNode given = inputs.isObject() ? (ObjectNode) inputs : Json.object();
    String id = engine.start(request.param(0), given).id();
    return store.locked(() -> ApiResponse.ok(202, "workflowRun", engine.requireRun(id).json()));
  }

  private ApiResponse getRun(ApiRequest request) {
    return store.locked(
        () -> ApiResponse.ok(200, "workflowRun", engine.requireRun(request.param(0)).json()));
  }

  private ApiResponse cancel(ApiRequest request) {
    String id = request.param(0);
    engine.cancel(id);
    return store.locked(() -> ApiResponse.ok(200, "workflowRun", engine.requireRun(id).json()));
  }

  private ApiResponse patch(ApiRequest request) {
    ObjectNode body = Json.requireObject(request.json());
    Json.rejectUnknownFields(body, PATCH_FIELDS);
    String status = oneOf(body, "status", STATUSES);
    String result = oneOf(body, "result", RESULTS);
    if ("COMPLETED".equals(status) && result == null) {
      throw ApiError.invalid("\"result\" is required with status COMPLETED");
    }
    JsonNode output = body.get("output");
    if (output != null && !output.isObject()) {
      throw ApiError.invalid("\"output\" must be an object");
    }
    List<NodeRunLog> logs = patchLogs(body.get("logs"));
    NodeRunPatch patch =
        new NodeRunPatch(
            status,
            "COMPLETED".equals(status) ? result : null,
            (ObjectNode) output,
            logs,
            Json.optionalString(body, "externalRunId"));
    return store.locked(
        () -> {
          engine.patch(engine.requireNode(request.param(0)), patch);
          return ApiResponse.ok();
        });
  }

  private ApiResponse addLogs(ApiRequest request) {
    ObjectNode body = Json.requireObject(request.json());
    Json.rejectUnknownFields(body, Set.of("logs"));
    JsonNode lines = body.get("logs");
    if (lines == null || !lines.isArray()) {
      throw ApiError.invalid("\"logs\" must be an array of {level, message}");
    }
    List<NodeRunLog> logs = new ArrayList<>();
    for (JsonNode line : lines) {
      if (!line.isObject()) {
        throw ApiError.invalid("each log is an object {level, message}");
      }
      logs.add(
          NodeRunLog.of(level(line, "level"), Json.requiredString((ObjectNode) line, "message")));
    }
    return store.locked(
        () -> {
          Node node = engine.requireNode(request.param(0));
          if (node.completed()) {
            throw new ApiError(
                422,
                "node_run_completed",
                "Workflow node run \"" + node.id + "\" has already completed");
          }
          node.logs.addAll(logs);
          return new ApiResponse(201, Json.object().put("ok", true));
        });
  }

  private ApiResponse logs(ApiRequest request) {
    return store.locked(
        () -> ApiResponse.ok(200, "logs", engine.requireNode(request.param(0)).logsJson()));
  }

  private ApiResponse listNodeRuns(ApiRequest request) {
    String external = request.query().get("external_run_id");
    return store.locked(
        () -> {
          ArrayNode runs = Json.MAPPER.createArrayNode();
          for (Node node : store.nodeRuns.values()) {
            if (external == null || external.equals(node.externalRunId)) {
              runs.add(node.json());
            }
          }
          return ApiResponse.ok(200, "nodeRuns", runs);
        });
  }

  private static List<NodeRunLog> patchLogs(JsonNode logs) {
    List<NodeRunLog> out = new ArrayList<>();
    if (logs == null) {
      return out;
    }
    if (!logs.isArray()) {
      throw ApiError.invalid("\"logs\" must be an array of {logLevel, log, tags}");
    }
    for (JsonNode line : logs) {
      if (!line.isObject()) {
        throw ApiError.invalid("each log is an object {logLevel, log, tags}");
      }
      Map<String, String> tags = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> tag : line.path("tags").properties()) {
        if (!tag.getValue().isTextual()) {
          throw ApiError.invalid("log tags are strings");
        }
        tags.put(tag.getKey(), tag.getValue().asText());
      }
      out.add(new NodeRunLog(level(line, "logLevel"), line.path("log").asText(""), tags));
    }
    return out;
  }

  private static LogLevel level(JsonNode line, String field) {
    String level = line.path(field).asText("");
    try {
      return LogLevel.valueOf(level);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(
          "\"" + field + "\" must be DEBUG, INFO, WARN or ERROR, got \"" + level + "\"");
    }
  }

  private static String oneOf(ObjectNode body, String field, Set<String> allowed) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || !allowed.contains(v.asText())) {
      throw ApiError.invalid("\"" + field + "\" must be one of " + new TreeSet<>(allowed));
    }
    return v.asText();
  }
}
