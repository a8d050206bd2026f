package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.run.RunLogEntry;
import java.util.List;
import java.util.Set;

/** Routes for run logs: POST (201, may end the run) and GET with limit/offset. */
final class LogRoutes {
  private static final Set<String> LOG_FIELDS =
      Set.of("message", "terminationStatus", "statusLabel");

  private final EmulatorState state;
  private final RunRules rules;
  private final String caller;

  LogRoutes(EmulatorState state, RunRules rules, String caller) {
    this.state = state;
    this.rules = rules;
    this.caller = caller;
  }

  List<Route> routes() {
    return List.of(
        Route.auth("POST", "/v1/actions/runs/{run_id}/logs", this::post),
        Route.auth("GET", "/v1/actions/runs/{run_id}/logs", this::list));
  }

  private ApiResponse post(ApiRequest request) {
    ObjectNode body = Json.requireObject(request.json());
    Json.rejectUnknownFields(body, LOG_FIELDS);
    String message = Json.requiredString(body, "message");
    String terminationStatus = Json.optionalFinalStatus(body, "terminationStatus");
    String statusLabel = Json.optionalString(body, "statusLabel");
    return state.locked(
        () -> {
          RunRecord run = state.requireRun(request.param(0));
          rules.requireNotFinished(run);
          if (terminationStatus != null) {
            rules.requireStatusSettable(run);
          }
          ObjectNode before = terminationStatus == null ? null : state.runJson(run, false);
          RunLogEntry entry =
              new RunLogEntry(state.ids().logId(), run.id, message, caller, state.now());
          run.logs.add(entry);
          run.updatedAt = entry.createdAt();
          if (statusLabel != null) {
            run.statusLabel = statusLabel;
          }
          if (terminationStatus != null) {
            run.finish(terminationStatus, entry.createdAt());
            state.auditRun("UPDATE", run, before, caller);
          }
          return ApiResponse.ok(201, "runLog", toJson(run, entry));
        });
  }

  private ApiResponse list(ApiRequest request) {
    int limit = request.intParam("limit", 1, 50, 50);
    int offset = request.intParam("offset", 0, Integer.MAX_VALUE, 0);
    return state.locked(
        () -> {
          RunRecord run = state.requireRun(request.param(0));
          ArrayNode logs = Json.MAPPER.createArrayNode();
          run.logs.stream()
              .skip(offset)
              .limit(limit)
              .forEach(entry -> logs.add(toJson(run, entry)));
          return ApiResponse.ok(200, "runLogs", logs);
        });
  }

  private ObjectNode toJson(RunRecord run, RunLogEntry entry) {
    return Json.object()
        .put("id", entry.id())
        .put("runId", run.id)
        .put("message", entry.message())
        .put("createdBy", caller)
        .put("createdAt", Json.time(entry.createdAt()));
  }
}
