package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Routes for blueprints and actions: create (as Port's own routes) and get. */
final class CatalogRoutes {
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
                ApiResponse.ok(200, "blueprint", state.defineBlueprint(request.json(), caller))),
        Route.auth(
            "GET",
            "/v1/blueprints/([^/]+)",
            request -> ApiResponse.ok(200, "blueprint", find("Blueprint", request.param(0), true))),
        Route.auth(
            "POST",
            "/v1/actions",
            request -> ApiResponse.ok(200, "action", state.defineAction(request.json(), caller))),
        Route.auth(
            "GET",
            "/v1/actions/([^/]+)",
            request -> ApiResponse.ok(200, "action", find("Action", request.param(0), false))));
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
}
