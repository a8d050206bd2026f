package io.portkit.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.PortApiException;
import io.portkit.client.run.ActionRun;
import io.portkit.client.run.RunLog;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunQuery;
import io.portkit.client.run.RunSynchronizedException;
import io.portkit.client.run.RunUpdate;
import io.portkit.client.run.RunsApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link RunsApi} over {@link PortApi}. Thread-safe. */
public final class HttpRunsApi implements RunsApi {
  private static final String V2 = "?version=v2";

  private final PortApi api;

  /** Creates the API. */
  public HttpRunsApi(PortApi api) {
    this.api = Objects.requireNonNull(api, "api == null");
  }

  @Override
  public ActionRun get(String runId) {
    JsonNode answer = api.send(ApiCall.get(runPath(runId), V2));
    return ActionRun.fromJson(answer.path("run"));
  }

  @Override
  public ActionRun update(String runId, RunUpdate update) {
    Objects.requireNonNull(update, "update == null");
    ApiCall call =
        new ApiCall("PATCH", runPath(runId), V2, body(update), ApiCall.Replay.IDEMPOTENT);
    try {
      return ActionRun.fromJson(api.send(call).path("run"));
    } catch (PortApiException e) {
      if (e.errorCode().filter(RunSynchronizedException.ERROR_CODE::equals).isPresent()) {
        throw new RunSynchronizedException(e);
      }
      throw e;
    }
  }

  /** Returns the PATCH body of {@code update}: null fields omitted, links as {@code link}. */
  public static ObjectNode body(RunUpdate update) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (update.status() != null) {
      o.put("status", update.status().name());
    }
    if (update.statusLabel() != null) {
      o.put("statusLabel", update.statusLabel());
    }
    if (update.links() != null) {
      update.links().forEach(o.putArray("link")::add);
    }
    if (update.summary() != null) {
      o.put("summary", update.summary());
    }
    if (update.externalRunId() != null) {
      o.put("externalRunId", update.externalRunId());
    }
    return o;
  }

  @Override
  public RunLogEntry addLog(String runId, RunLog log) {
    Objects.requireNonNull(log, "log == null");
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("message", log.message());
    if (log.terminationStatus() != null) {
      body.put("terminationStatus", log.terminationStatus().name());
    }
    if (log.statusLabel() != null) {
      body.put("statusLabel", log.statusLabel());
    }
    // A retried log may appear twice; that beats losing it (ADR 0002).
    ApiCall call =
        new ApiCall("POST", runPath(runId) + "/logs", "", body, ApiCall.Replay.IDEMPOTENT);
    return RunLogEntry.fromJson(api.send(call).path("runLog"));
  }

  @Override
  public List<RunLogEntry> logs(String runId, int limit, int offset) {
    if (limit < 1 || limit > 50) {
      throw new IllegalArgumentException("limit must be within 1..50: " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("limit", limit);
    q.put("offset", offset);
    JsonNode answer = api.send(ApiCall.get(runPath(runId) + "/logs", Paths.query(q)));
    List<RunLogEntry> out = new ArrayList<>();
    answer.path("runLogs").forEach(n -> out.add(RunLogEntry.fromJson(n)));
    return List.copyOf(out);
  }

  @Override
  public List<ActionRun> list(RunQuery query) {
    Objects.requireNonNull(query, "query == null");
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("version", "v2");
    q.put("active", query.active());
    q.put("action", query.action());
    q.put("entity", query.entity());
    q.put("external_run_id", query.externalRunId());
    q.put("limit", query.limit());
    JsonNode answer = api.send(ApiCall.get("/v1/actions/runs", Paths.query(q)));
    List<ActionRun> out = new ArrayList<>();
    answer.path("runs").forEach(n -> out.add(ActionRun.fromJson(n)));
    return List.copyOf(out);
  }

  @Override
  public ActionRun create(String actionIdentifier, Map<String, ?> properties, String entity) {
    Objects.requireNonNull(properties, "properties == null");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("properties", api.mapper().valueToTree(properties));
    if (entity != null) {
      body.put("entity", entity);
    }
    String path = "/v1/actions/" + Paths.segment(actionIdentifier, "actionIdentifier") + "/runs";
    // Not idempotent: a replay after Port received it would start a second run (ADR 0002).
    ApiCall call = new ApiCall("POST", path, "", body, ApiCall.Replay.UNSAFE);
    return ActionRun.fromJson(api.send(call).path("run"));
  }

  private static String runPath(String runId) {
    return "/v1/actions/runs/" + Paths.segment(runId, "runId");
  }
}
