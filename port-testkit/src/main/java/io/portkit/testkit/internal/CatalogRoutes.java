package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Routes for blueprints and actions: create (as Port's own routes), get, list blueprints, and
 * delete (docs/decisions/0032-catalog-routes.md).
 */
final class CatalogRoutes {
  private static final String BLUEPRINT = "/v1/blueprints/{identifier}";
  private static final String ACTION = "/v1/actions/{action_identifier}";

  private final EmulatorState state;
  private final String caller;

  CatalogRoutes(EmulatorState state, String caller) {
    this.state = state;
    this.caller = caller;
  }

  List<Route> routes() {
    return List.of(
        Route.auth(
            "POST",
            "/v1/blueprints",
            request ->
                ApiResponse.ok(201, "blueprint", state.defineBlueprint(request.json(), caller))),
        Route.auth("GET", "/v1/blueprints", request -> listBlueprints()),
        Route.auth(
            "GET",
            BLUEPRINT,
            request -> ApiResponse.ok(200, "blueprint", find("Blueprint", request.param(0), true))),
        Route.auth("DELETE", BLUEPRINT, this::deleteBlueprint),
        Route.auth(
            "POST",
            "/v1/actions",
            request -> ApiResponse.ok(200, "action", state.defineAction(request.json(), caller))),
        Route.auth(
            "GET",
            ACTION,
            request -> ApiResponse.ok(200, "action", find("Action", request.param(0), false))),
        Route.auth("DELETE", ACTION, this::deleteAction));
  }

  private ObjectNode find(String kind, String id, boolean blueprint) {
    return state.locked(
        () -> {
          ObjectNode found = blueprint ? state.blueprints.get(id) : state.actions.get(id);
          if (found == null) {
            throw ApiError.notFound(kind, id);
          }
          return found.deepCopy();
        });
  }

  private ApiResponse listBlueprints() {
    return state.locked(
        () -> {
          ArrayNode blueprints = Json.MAPPER.createArrayNode();
          state.blueprints.values().forEach(blueprint -> blueprints.add(blueprint.deepCopy()));
          return ApiResponse.ok(200, "blueprints", blueprints);
        });
  }

  private ApiResponse deleteBlueprint(ApiRequest request) {
    boolean deleteActions = request.flag("delete_actions");
    String id = request.param(0);
    return state.locked(
        () -> {
          if (!state.blueprints.containsKey(id)) {
            throw ApiError.notFound("Blueprint", id);
          }
          if (SystemBlueprints.ALL.contains(id)) {
            throw new ApiError(
                422,
                "system_blueprint",
                "Blueprint \"" + id + "\" is a system blueprint of Port and cannot be deleted");
          }
          int entities = state.entities.get(id).size();
          if (entities > 0) {
            throw new ApiError(
                422,
                "has_entities",
                "Blueprint \""
                    + id
                    + "\" still has "
                    + entities
                    + " entities; delete them first (DELETE /v1/blueprints/"
                    + id
                    + "/entities/{entity_identifier})");
          }
          List<String> relatedFrom = new ArrayList<>();
          state.blueprints.forEach(
              (other, definition) ->
                  definition
                      .path("relations")
                      .properties()
                      .forEach(
                          relation -> {
                            if (!other.equals(id)
                                && id.equals(relation.getValue().path("target").asText())) {
                              relatedFrom.add(other + "." + relation.getKey());
                            }
                          }));
          if (!relatedFrom.isEmpty()) {
            throw new ApiError(
                422,
                "has_relations",
                "Blueprint \""
                    + id
                    + "\" is the target of relations "
                    + relatedFrom
                    + "; remove them first");
          }
          List<String> actions = actionsOf(id);
          if (!actions.isEmpty() && !deleteActions) {
            throw new ApiError(
                422,
                "has_actions",
                "Blueprint \""
                    + id
                    + "\" has actions "
                    + actions
                    + "; pass delete_actions=true to delete them with it");
          }
          actions.forEach(state.actions::remove);
          state.blueprints.remove(id);
          state.entities.remove(id);
          return ApiResponse.ok();
        });
  }

  private List<String> actionsOf(String blueprint) {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> action : state.actions.entrySet()) {
      JsonNode trigger = action.getValue().path("trigger");
      if (blueprint.equals(trigger.path("blueprintIdentifier").asText(null))) {
        ids.add(action.getKey());
      }
    }
    return ids;
  }

  private ApiResponse deleteAction(ApiRequest request) {
    String id = request.param(0);
    return state.locked(
        () -> {
          if (state.actions.remove(id) == null) {
            throw ApiError.notFound("Action", id);
          }
          return ApiResponse.ok();
        });
  }
}
