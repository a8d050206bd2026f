package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/blueprints/{bp}/entities/bulk}: up to {@link #MAX_ENTITIES} entities written one
 * by one with the single-entity rules; 200 when all were written, 207 when some failed, each
 * failure listed with its index, status and message (docs/decisions/0025-entity-writes.md).
 */
final class BulkEntityRoutes {
  /** The most entities one bulk request may carry. */
  static final int MAX_ENTITIES = 20;

  private final EmulatorState state;
  private final EntityWriter writer;

  BulkEntityRoutes(EmulatorState state, EntityWriter writer) {
    this.state = state;
    this.writer = writer;
  }

  List<Route> routes() {
    return List.of(
        Route.auth("POST", "/v1/blueprints/{blueprint_identifier}/entities/bulk", this::post));
  }

  private ApiResponse post(ApiRequest request) {
    ObjectNode body = Json.requireObject(request.json());
    Json.rejectUnknownFields(body, Set.of("entities"));
    JsonNode items = body.get("entities");
    if (items == null || !items.isArray() || items.isEmpty() || items.size() > MAX_ENTITIES) {
      throw ApiError.invalid(
          "\"entities\" is required: an array of 1 to "
              + MAX_ENTITIES
              + " entity objects, got "
              + (items == null ? "nothing" : items.isArray() ? items.size() + " items" : items));
    }
    boolean upsert = request.flag("upsert");
    EntityWriter.Mode mode =
        !upsert
            ? EntityWriter.Mode.CREATE
            : request.flag("merge") ? EntityWriter.Mode.MERGE : EntityWriter.Mode.UPSERT;
    EntityWriter.Options options =
        new EntityWriter.Options(
            mode,
            request.flag("create_missing_related_entities"),
            request.flag("validation_only"),
            request.query().get("run_id"));
    return state.locked(
        () -> {
          writer.entitiesOf(request.param(0)); // an unknown blueprint fails the whole request
          ArrayNode written = Json.MAPPER.createArrayNode();
          ArrayNode errors = Json.MAPPER.createArrayNode();
          for (int index = 0; index < items.size(); index++) {
            JsonNode item = items.get(index);
            String given =
                item.path("identifier").isTextual() ? item.get("identifier").asText() : "";
            try {
              if (!item.isObject()) {
                throw ApiError.invalid("entity " + index + " must be an object, got " + item);
              }
              EntityWriter.Written result =
                  writer.write(request.param(0), null, (ObjectNode) item, options);
              ObjectNode entry = written.addObject().put("created", result.created());
              entry.put("identifier", result.entity().get("identifier").asText());
              entry.put("index", index);
            } catch (ApiError e) {
              ObjectNode entry = errors.addObject().put("identifier", given).put("index", index);
              entry.put("statusCode", e.status()).put("error", e.error());
              entry.put("message", e.getMessage());
            }
          }
          ObjectNode answer = Json.object().put("ok", true);
          answer.set("entities", written);
          answer.set("errors", errors);
          return new ApiResponse(errors.isEmpty() ? 200 : 207, answer);
        });
  }
}
