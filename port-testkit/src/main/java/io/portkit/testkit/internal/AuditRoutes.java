package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/audit-log}: the emulator's entity and run records, newest first, with Port's
 * filters ANDed (docs/decisions/0029-audit-log-records.md).
 */
final class AuditRoutes {
  private static final Set<String> RESOURCES =
      Set.of(
          "entity",
          "blueprint_permission",
          "blueprint",
          "run",
          "webhook",
          "action",
          "action_permission",
          "scorecard",
          "integration",
          "secret");
  private static final Set<String> FIELDS =
      Set.of(
          "action",
          "context",
          "diff",
          "identifier",
          "resourceType",
          "status",
          "trigger",
          "additionalData",
          "message");
  // Filters on context fields: query name -> field name.
  private static final Map<String, String> CONTEXT_FILTERS =
      Map.of(
          "entity", "entity",
          "blueprint", "blueprint",
          "run_id", "runId",
          "webhookId", "webhookId",
          "webhookEventId", "webhookEventId",
          "InstallationId", "installationId",
          "actionType", "actionType");

  private final EmulatorState state;

  AuditRoutes(EmulatorState state) {
    this.state = state;
  }

  List<Route> routes() {
    return List.of(Route.auth("GET", "/v1/audit-log", this::list));
  }

  private ApiResponse list(ApiRequest request) {
    List<String> resources = request.list("resources");
    for (String resource : resources) {
      if (!RESOURCES.contains(resource)) {
        throw ApiError.invalid(
            "\"resources\" must be among "
                + new java.util.TreeSet<>(RESOURCES)
                + ", got \""
                + resource
                + "\"");
      }
    }
    List<String> includes = request.list("includes");
    for (String field : includes) {
      if (!FIELDS.contains(field)) {
        throw ApiError.invalid(
            "\"includes\" must be among "
                + new java.util.TreeSet<>(FIELDS)
                + ", got \""
                + field
                + "\"");
      }
    }
    String status = request.query().get("status");
    if (status != null && !status.equals("SUCCESS") && !status.equals("FAILURE")) {
      throw ApiError.invalid("\"status\" must be SUCCESS or FAILURE, got \"" + status + "\"");
    }
    Instant from = time(request, "from");
    Instant to = time(request, "to");
    int limit = request.intParam("limit", 1, Integer.MAX_VALUE, 10_000);
    String identifier = request.query().get("identifier");
    String action = request.query().get("action");
    List<String> origins = request.list("origin");
    return state.locked(
        () -> {
          List<ObjectNode> records = new ArrayList<>(state.audit.records());
          java.util.Collections.reverse(records); // newest first
          ArrayNode audits = Json.MAPPER.createArrayNode();
          for (ObjectNode record : records) {
            if (audits.size() >= limit) {
              break;
            }
            Instant at = Instant.parse(record.at("/trigger/at").asText());
            boolean keep =
                (identifier == null || identifier.equals(record.get("identifier").asText()))
                    && (resources.isEmpty()
                        || resources.contains(record.get("resourceType").asText()))
                    && (action == null || action.equals(record.get("action").asText()))
                    && (status == null || status.equals(record.get("status").asText()))
                    && (origins.isEmpty()
                        || origins.contains(record.at("/trigger/origin").asText()))
                    && (from == null || !at.isBefore(from))
                    && (to == null || !at.isAfter(to))
                    && contextMatches(request, record.get("context"));
            if (keep) {
              audits.add(
                  includes.isEmpty()
                      ? record.deepCopy()
                      : Projection.apply(record, includes, List.of()));
            }
          }
          return ApiResponse.ok(200, "audits", audits);
        });
  }

  private static boolean contextMatches(ApiRequest request, JsonNode context) {
    for (Map.Entry<String, String> filter : CONTEXT_FILTERS.entrySet()) {
      String wanted = request.query().get(filter.getKey());
      if (wanted != null && !wanted.equals(context.path(filter.getValue()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  private static Instant time(ApiRequest request, String name) {
    String value = request.query().get(name);
    if (value == null) {
      return null;
    }
    Instant at = ComparisonOperators.instant(value);
    if (at == null) {
      throw ApiError.invalid(
          "\""
              + name
              + "\" must be an ISO 8601 date-time such as 2022-04-23T18:25:43.511Z, got \""
              + value
              + "\"");
    }
    return at;
  }
}
