package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.testkit.TiedEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Routes for entities: POST (create/upsert/merge), GET and DELETE, with {@code run_id} tying. */
final class EntityRoutes {
  private final EmulatorState state;
  private final RunRules rules;
  private final String caller;

  EntityRoutes(EmulatorState state, RunRules rules, String caller) {
    this.state = state;
    this.rules = rules;
    this.caller = caller;
  }

  List<Route> routes() {
    return List.of(
        Route.auth("POST", "/v1/blueprints/([^/]+)/entities", this::post),
        Route.auth("GET", "/v1/blueprints/([^/]+)/entities/([^/]+)", this::get),
        Route.auth("DELETE", "/v1/blueprints/([^/]+)/entities/([^/]+)", this::delete));
  }

  private Map<String, ObjectNode> entitiesOf(String blueprint) {
    if (!state.blueprints.containsKey(blueprint)) {
      throw ApiError.notFound("Blueprint", blueprint);
    }
    return state.entities.get(blueprint);
  }

  private RunRecord tieableRun(ApiRequest request) {
    String runId = request.query().get("run_id");
    if (runId == null) {
      return null;
    }
    RunRecord run = state.requireRun(runId);
    rules.requireTieable(run);
    return run;
  }

  private ApiResponse post(ApiRequest request) {
    ObjectNode body = Json.requireObject(request.json());
    String id = Json.requiredString(body, "identifier");
    boolean upsert = request.flag("upsert");
    boolean merge = request.flag("merge");
    boolean createMissing = request.flag("create_missing_related_entities");
    return state.locked(
        () -> {
          String blueprint = request.param(0);
          Map<String, ObjectNode> entities = entitiesOf(blueprint);
          RunRecord run = tieableRun(request);
          ObjectNode existing = entities.get(id);
          if (existing != null && !upsert) {
            throw new ApiError(
                409,
                "entity_already_exists",
                "Entity \""
                    + id
                    + "\" of blueprint \""
                    + blueprint
                    + "\" already exists; pass upsert=true to replace it or upsert=true&merge=true to update it");
          }
          ObjectNode entity =
              existing != null && merge ? merged(existing, body) : normalized(body, blueprint);
          checkRelations(blueprint, entity, createMissing);
          String now = Json.time(state.now());
          entity
              .put("createdAt", existing != null ? existing.path("createdAt").asText() : now)
              .put("createdBy", existing != null ? existing.path("createdBy").asText() : caller)
              .put("updatedAt", now)
              .put("updatedBy", caller);
          entities.put(id, entity);
          if (run != null) {
            run.tied.add(new TiedEntity(blueprint, id, existing == null ? "CREATE" : "UPDATE"));
          }
          state.entityChanged(
              existing == null ? "CREATE" : "UPDATE", blueprint, id, run, existing, entity);
          return ApiResponse.ok(201, "entity", entity.deepCopy());
        });
  }

  private static ObjectNode normalized(ObjectNode body, String blueprint) {
    ObjectNode entity = body.deepCopy();
    entity.put("blueprint", blueprint);
    if (!entity.path("properties").isObject()) {
      entity.set("properties", Json.object());
    }
    if (!entity.path("relations").isObject()) {
      entity.set("relations", Json.object());
    }
    return entity;
  }

  private static ObjectNode merged(ObjectNode existing, ObjectNode body) {
    ObjectNode entity = existing.deepCopy();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if ((field.getKey().equals("properties") || field.getKey().equals("relations"))
          && field.getValue().isObject()) {
        ((ObjectNode) entity.get(field.getKey())).setAll((ObjectNode) field.getValue().deepCopy());
      } else {
        entity.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    return entity;
  }

  private void checkRelations(String blueprint, ObjectNode entity, boolean createMissing) {
    JsonNode declared = state.blueprints.get(blueprint).path("relations");
    for (Map.Entry<String, JsonNode> relation : entity.path("relations").properties()) {
      String target = declared.path(relation.getKey()).path("target").asText(null);
      if (target == null) {
        throw ApiError.invalid(
            "relation \""
                + relation.getKey()
                + "\" is not defined on blueprint \""
                + blueprint
                + "\"");
      }
      List<String> ids = new ArrayList<>();
      if (relation.getValue().isTextual()) {
        ids.add(relation.getValue().asText());
      } else {
        relation.getValue().forEach(value -> ids.add(value.asText()));
      }
      Map<String, ObjectNode> targets = entitiesOf(target);
      for (String targetId : ids) {
        if (!targets.containsKey(targetId)) {
          if (!createMissing) {
            throw ApiError.notFound("Related entity (blueprint \"" + target + "\")", targetId);
          }
          ObjectNode stub = normalized(Json.object().put("identifier", targetId), target);
          String now = Json.time(state.now());
          stub.put("createdAt", now)
              .put("createdBy", caller)
              .put("updatedAt", now)
              .put("updatedBy", caller);
          targets.put(targetId, stub);
        }
      }
    }
  }

  private ApiResponse get(ApiRequest request) {
    return state.locked(
        () -> {
          ObjectNode entity = entitiesOf(request.param(0)).get(request.param(1));
          if (entity == null) {
            throw ApiError.notFound("Entity", request.param(1));
          }
          return ApiResponse.ok(200, "entity", entity.deepCopy());
        });
  }

  private ApiResponse delete(ApiRequest request) {
    boolean deleteDependents = request.flag("delete_dependents");
    return state.locked(
        () -> {
          String blueprint = request.param(0);
          String id = request.param(1);
          if (!entitiesOf(blueprint).containsKey(id)) {
            throw ApiError.notFound("Entity", id);
          }
          RunRecord run = tieableRun(request);
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
          ObjectNode removed = entitiesOf(blueprint).remove(id);
          record(run, blueprint, id);
          state.entityChanged("DELETE", blueprint, id, run, removed, null);
          for (String[] dependent : dependents) {
            ObjectNode gone = state.entities.get(dependent[0]).remove(dependent[1]);
            record(run, dependent[0], dependent[1]);
            state.entityChanged("DELETE", dependent[0], dependent[1], run, gone, null);
          }
          return ApiResponse.ok();
        });
  }

  private static void record(RunRecord run, String blueprint, String id) {
    if (run != null) {
      run.tied.add(new TiedEntity(blueprint, id, "DELETE"));
    }
  }

  // Entities whose relations point at (blueprint, id); direct dependents only.
  private List<String[]> dependentsOf(String blueprint, String id) {
    List<String[]> found = new ArrayList<>();
    state.entities.forEach(
        (bp, byId) ->
            byId.forEach(
                (entityId, entity) -> {
                  JsonNode declared = state.blueprints.get(bp).path("relations");
                  entity
                      .path("relations")
                      .properties()
                      .forEach(
                          relation -> {
                            boolean targetsBlueprint =
                                blueprint.equals(
                                    declared.path(relation.getKey()).path("target").asText(null));
                            boolean pointsAtId =
                                relation.getValue().isTextual()
                                    ? relation.getValue().asText().equals(id)
                                    : containsText(relation.getValue(), id);
                            if (targetsBlueprint && pointsAtId) {
                              found.add(new String[] {bp, entityId});
                            }
                          });
                }));
    return found;
  }

  private static boolean containsText(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (item.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
