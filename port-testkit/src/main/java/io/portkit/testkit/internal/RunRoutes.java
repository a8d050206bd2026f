package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Routes for action runs: create, get, list and PATCH. */
final class RunRoutes {
  private static final Set<String> PATCH_FIELDS =
      Set.of("status", "statusLabel", "link", "summary", "externalRunId", "message");
  private static final Set<String> CREATE_FIELDS = Set.of("properties", "entity");
  private static final List<String> SOURCES = List.of("UI", "API", "AUTOMATION");

  private final EmulatorState state;
  private final RunRules rules;
  private final String caller;
  private final ActionInvoker invoker;

  /** {@code invoker} is null when the emulator was built with webhook delivery off. */
  RunRoutes(EmulatorState state, RunRules rules, String caller, ActionInvoker invoker) {
    this.state = state;
    this.rules = rules;
    this.caller = caller;
    this.invoker = invoker;
  }

  List<Route> routes() {
    return List.of(
        Route.auth("GET", "/v1/actions/runs", this::list),
        Route.auth("GET", "/v1/actions/runs/{run_id}", this::get),
        Route.auth("PATCH", "/v1/actions/runs/{run_id}", this::patch),
        Route.auth("POST", "/v1/actions/{action_identifier}/runs", this::create));
  }

  private static boolean v1(ApiRequest request) {
    String version = request.query().getOrDefault("version", "v1");
    if (!version.equals("v1") && !version.equals("v2")) {
      throw ApiError.invalid(
          "query parameter \"version\" must be v1 or v2, got \"" + version + "\"");
    }
    return version.equals("v1");
  }

  private ApiResponse get(ApiRequest request) {
    boolean v1 = v1(request);
    return state.locked(
        () -> ApiResponse.ok(200, "run", state.runJson(state.requireRun(request.param(0)), v1)));
  }

  private ApiResponse create(ApiRequest request) {
    ObjectNode body = Json.requireObject(request.json());
    Json.rejectUnknownFields(body, CREATE_FIELDS);
    JsonNode properties = body.get("properties");
    if (properties == null || !properties.isObject()) {
      throw ApiError.invalid(
          "\"properties\" is required and must be an object (the action's user inputs)");
    }
    String entity = Json.optionalString(body, "entity");
    RunRecord run = state.createRun(request.param(0), (ObjectNode) properties, entity, caller);
    // Render the answer before scheduling delivery, so the 202 always shows the new IN_PROGRESS
    // run.
    ApiResponse created = state.locked(() -> ApiResponse.ok(202, "run", state.runJson(run, false)));
    if (invoker != null) {
      invoker.invoke(run.id(), "API");
    }
    return created;
  }

  private ApiResponse patch(ApiRequest request) {
    boolean v1 = v1(request);
    ObjectNode body = Json.requireObject(request.json());
    Json.rejectUnknownFields(body, PATCH_FIELDS);
    String status = Json.optionalFinalStatus(body, "status");
    String statusLabel = Json.optionalString(body, "statusLabel");
    String summary = Json.optionalString(body, "summary");
    String externalRunId = Json.optionalString(body, "externalRunId");
    JsonNode link = validLink(body.get("link"));
    if (body.has("message") && !body.get("message").isObject()) {
      throw ApiError.invalid("\"message\" (deprecated) must be an object");
    }
    return state.locked(
        () -> {
          RunRecord run = state.requireRun(request.param(0));
          rules.requireNotFinished(run);
          if (status != null) {
            rules.requireStatusSettable(run);
          }
          ObjectNode before = state.runJson(run, false);
          run.updatedAt = state.now();
          if (statusLabel != null) {
            run.statusLabel = statusLabel;
          }
          if (summary != null) {
            run.summary = summary;
          }
          if (externalRunId != null) {
            run.externalRunId = externalRunId;
          }
          if (link != null) {
            run.link = link.deepCopy(); // Port replaces, never appends
          }
          if (status != null) {
            run.finish(status, state.now());
          }
          state.runPatched(run, before);
          state.auditRun("UPDATE", run, before, caller);
          return ApiResponse.ok(200, "run", state.runJson(run, v1));
        });
  }

  private static JsonNode validLink(JsonNode link) {
    if (link == null || link.isTextual()) {
      return link;
    }
    if (link.isArray()) {
      for (JsonNode item : link) {
        if (!item.isTextual()) {
          throw ApiError.invalid("\"link\" must be a string or an array of strings");
        }
      }
      return link;
    }
    throw ApiError.invalid("\"link\" must be a string or an array of strings");
  }

  private ApiResponse list(ApiRequest request) {
    boolean v1 = v1(request);
    int limit = request.intParam("limit", 1, 1000, 1000);
    String active = request.query().get("active");
    if (active != null) {
      request.flag("active"); // validates true/false
    }
    List<String> sources = request.list("source");
    for (String source : sources) {
      if (!SOURCES.contains(source)) {
        throw ApiError.invalid("\"source\" must be among " + SOURCES + ", got \"" + source + "\"");
      }
    }
    String action = request.query().get("action");
    String entity = request.query().get("entity");
    String blueprint = request.query().get("blueprint");
    String externalRunId = request.query().get("external_run_id");
    String userId = request.query().get("user_id");
    String userEmail = request.query().get("user_email");
    List<String> exclude = request.list("exclude");
    return state.locked(
        () -> {
          List<RunRecord> matching = new ArrayList<>();
          for (RunRecord run : state.runs.values()) {
            boolean keep =
                (active == null || request.flag("active") != run.finished())
                    && (action == null || action.equals(run.action.path("identifier").asText()))
                    && (entity == null || entity.equals(run.entity))
                    && (blueprint == null || blueprint.equals(run.blueprint))
                    && (externalRunId == null || externalRunId.equals(run.externalRunId))
                    && (sources.isEmpty() || sources.contains(run.source))
                    && (userId == null || userId.equals(run.createdBy))
                    && (userEmail == null || userEmail.equals(TriggerData.USER_EMAIL));
            if (keep) {
              matching.add(run);
            }
          }
          matching.sort(Comparator.comparingLong((RunRecord run) -> run.sequence).reversed());
          ArrayNode runs = Json.MAPPER.createArrayNode();
          matching.stream()
              .limit(limit)
              .forEach(
                  run -> runs.add(Projection.apply(state.runJson(run, v1), List.of(), exclude)));
          return ApiResponse.ok(200, "runs", runs);
        });
  }
}
