package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.testkit.TiedEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Routes for one blueprint's entities: POST (create, upsert, merge, validation only), GET one and
 * all (with {@code include}/{@code exclude}), PUT, PATCH and DELETE, with {@code run_id} tying.
 */
final class EntityRoutes {
  private static final String ENTITIES = "/v1/blueprints/{blueprint_identifier}/entities";
  private static final String ENTITY = ENTITIES + "/{entity_identifier}";

  private final EmulatorState state;
  private final EntityWriter writer;
  private final String caller;

  EntityRoutes(EmulatorState state, EntityWriter writer, String caller) {
    this.state = state;
    this.writer = writer;
    this.caller = caller;
  }

  List<Route> routes() {
    return List.of(
        Route.auth("POST", ENTITIES, this::post),
        Route.auth("GET", ENTITIES, this::list),
        Route.auth("GET", ENTITY, this::get),
        Route.auth("PUT", ENTITY, request -> change(request, EntityWriter.Mode.REPLACE)),
        Route.auth("PATCH", ENTITY, request -> change(request, EntityWriter.Mode.UPDATE)),
        Route.auth("DELETE", ENTITY, this::delete));
  }

  private ApiResponse post(ApiRequest request) {
    ObjectNode body = Json.requireObject(request.json());
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
        () ->
            ApiResponse.ok(
                201, "entity", writer.write(request.param(0), null, body, options).entity()));
  }

  private ApiResponse change(ApiRequest request, EntityWriter.Mode mode) {
    ObjectNode body = Json.requireObject(request.json());
    if (mode == EntityWriter.Mode.UPDATE) {
      Json.rejectUnknownFields(body, EntityWriter.FIELDS);
    }
    EntityWriter.Options options =
        new EntityWriter.Options(
            mode,
            request.flag("create_missing_related_entities"),
            false,
            request.query().get("run_id"));
    return state.locked(
        () ->
            ApiResponse.ok(
                200,
                "entity",
                writer.write(request.param(0), request.param(1), body, options).entity()));
  }

  private ApiResponse get(ApiRequest request) {
    SearchRoutes.rejectUnemulatedFlags(request);
    return state.locked(
        () -> {
          ObjectNode entity = writer.entitiesOf(request.param(0)).get(request.param(1));
          if (entity == null) {
            throw ApiError.notFound("Entity", request.param(1));
          }
          return ApiResponse.ok(200, "entity", project(request, entity));
        });
  }

  private ApiResponse list(ApiRequest request) {
    SearchRoutes.rejectUnemulatedFlags(request);
    return state.locked(
        () -> {
          ArrayNode entities = Json.MAPPER.createArrayNode();
          writer
              .entitiesOf(request.param(0))
              .values()
              .forEach(entity -> entities.add(project(request, entity)));
          return ApiResponse.ok(200, "entities", entities);
        });
  }

  private static ObjectNode project(ApiRequest request, ObjectNode entity) {
    return Projection.apply(entity, request.list("include"), request.list("exclude"));
  }

  private ApiResponse delete(ApiRequest request) {
    boolean deleteDependents = request.flag("delete_dependents");
    String runId = request.query().get("run_id");
    return state.locked(
        () -> {
          String blueprint = request.param(0);
          String id = request.param(1);
          ObjectNode entity = writer.entitiesOf(blueprint).get(id);
          if (entity == null) {
            throw ApiError.notFound("Entity", id);
          }
          RunRecord run = writer.tieableRun(runId);
          List<String[]> dependents = dependentsOf(blueprint, id);
          if (!dependents.isEmpty() && !deleteDependents) {
            throw new ApiError(
                422,
                "has_dependents",
                "Entity \""
                    + id
                    + "\" has "
                    + dependents.size()
                    + " dependent entities; pass delete_dependents=true to delete them too");
          }
          remove(run, blueprint, id);
          for (String[] dependent : dependents) {
            remove(run, dependent[0], dependent[1]);
          }
          return ApiResponse.ok();
        });
  }

  private void remove(RunRecord run, String blueprint, String id) {
    ObjectNode removed = state.entities.get(blueprint).remove(id);
    if (run != null) {
      run.tied.add(new TiedEntity(blueprint, id, "DELETE"));
    }
    state.audit.entity(
        "DELETE", blueprint, id, run == null ? null : run.id, removed, null, caller, state.now());
    state.entityChanged("DELETE", blueprint, id, run, removed, null);
  }

  // Entities whose relations point at (blueprint, id); direct dependents only.
  private List<String[]> dependentsOf(String blueprint, String id) {
    List<String[]> found = new ArrayList<>();
    state.entities.forEach(
        (bp, byId) -> {
          JsonNode declared = state.blueprints.get(bp).path("relations");
          byId.forEach(
              (entityId, entity) -> {
                if (bp.equals(blueprint) && entityId.equals(id)) {
                  return; // an entity related to itself is not its own dependent
                }
                for (Map.Entry<String, JsonNode> relation : entity.path("relations").properties()) {
                  String target = declared.path(relation.getKey()).path("target").asText(null);
                  if (blueprint.equals(target) && pointsAt(relation.getValue(), id)) {
                    found.add(new String[] {bp, entityId});
                    return;
                  }
                }
              });
        });
    return found;
  }

  private static boolean pointsAt(JsonNode value, String id) {
    if (value.isTextual()) {
      return value.asText().equals(id);
    }
    for (JsonNode item : value) {
      if (item.asText().equals(id)) {
        return true;
      }
    }
    return false;
  }
}
