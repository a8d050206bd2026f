package io.portkit.testkit.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The two search routes: {@code POST /v1/entities/search} over every blueprint (query in the body,
 * {@code include}/{@code exclude} in the query string) and {@code POST
 * /v1/blueprints/{bp}/entities/search} over one blueprint, paginated ({@code limit}, {@code from},
 * {@code next}) with {@code include}/{@code exclude} in the body
 * (docs/decisions/0028-entity-search.md).
 */
final class SearchRoutes {
  private static final Set<String> BLUEPRINT_SEARCH_FIELDS =
      Set.of("query", "include", "exclude", "limit", "from");
  private static final int DEFAULT_LIMIT = 200;
  private static final int MAX_LIMIT = 1000;

  private final EmulatorState state;

  SearchRoutes(EmulatorState state) {
    this.state = state;
  }

  List<Route> routes() {
    return List.of(
        Route.auth("POST", "/v1/entities/search", this::searchAll),
        Route.auth(
            "POST",
            "/v1/blueprints/{blueprint_identifier}/entities/search",
            this::searchBlueprint));
  }

  /** Rejects the response-shaping flags the emulator does not reproduce, naming them. */
  static void rejectUnemulatedFlags(ApiRequest request) {
    for (String flag :
        List.of("attach_title_to_relation", "attach_identifier_to_title_mirror_properties")) {
      if (request.flag(flag)) {
        throw new ApiError(
            501,
            "not_emulated",
            "Query parameter "
                + flag
                + "=true is not emulated: the emulator answers entities as stored");
      }
    }
  }

  private ApiResponse searchAll(ApiRequest request) {
    rejectUnemulatedFlags(request);
    JsonNode query = request.json();
    return state.locked(
        () -> {
          Predicate<ObjectNode> matches = new EntityQuery(state).compile(query);
          ArrayNode entities = Json.MAPPER.createArrayNode();
          Set<String> blueprints = new LinkedHashSet<>();
          state.entities.forEach(
              (blueprint, byId) ->
                  byId.values().stream()
                      .filter(matches)
                      .forEach(
                          entity -> {
                            blueprints.add(blueprint);
                            entities.add(
                                Projection.apply(
                                    entity, request.list("include"), request.list("exclude")));
                          }));
          ObjectNode answer = Json.object().put("ok", true);
          ArrayNode matching = answer.putArray("matchingBlueprints");
          blueprints.forEach(matching::add);
          answer.set("entities", entities);
          return new ApiResponse(200, answer);
        });
  }

  private ApiResponse searchBlueprint(ApiRequest request) {
    JsonNode parsed = request.jsonOrNull();
    ObjectNode body = parsed == null ? Json.object() : Json.requireObject(parsed);
    Json.rejectUnknownFields(body, BLUEPRINT_SEARCH_FIELDS);
    int limit = limit(body.get("limit"));
    int from = cursor(body.get("from"));
    return state.locked(
        () -> {
          String blueprint = request.param(0);
          ObjectNode definition = state.blueprints.get(blueprint);
          if (definition == null) {
            throw ApiError.notFound("Blueprint", blueprint);
          }
          Predicate<ObjectNode> matches =
              body.has("query")
                  ? new EntityQuery(state).compile(body.get("query"))
                  : entity -> true;
          List<String> include = paths(definition, body.get("include"), "include");
          List<String> exclude = paths(definition, body.get("exclude"), "exclude");
          List<ObjectNode> hits = new ArrayList<>();
          for (ObjectNode entity : state.entities.get(blueprint).values()) {
            if (matches.test(entity)) {
              hits.add(entity);
            }
          }
          ArrayNode entities = Json.MAPPER.createArrayNode();
          int end = Math.min(hits.size(), from + limit);
          for (int i = Math.min(from, hits.size()); i < end; i++) {
            entities.add(Projection.apply(hits.get(i), include, exclude));
          }
          ObjectNode answer = Json.object().put("ok", true);
          if (end < hits.size()) {
            answer.put("next", token(end));
          }
          answer.set("entities", entities);
          return new ApiResponse(200, answer);
        });
  }

  private static int limit(JsonNode limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (!limit.canConvertToInt()
        || !limit.isIntegralNumber()
        || limit.asInt() < 1
        || limit.asInt() > MAX_LIMIT) {
      throw ApiError.invalid("\"limit\" must be an integer in 1.." + MAX_LIMIT + ", got " + limit);
    }
    return limit.asInt();
  }

  // The page cursor is opaque to clients, as Port's "next" is; here it encodes the next offset.
  private static String token(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("offset:" + offset).getBytes(UTF_8));
  }

  private static int cursor(JsonNode from) {
    if (from == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(from.asText()), UTF_8);
      if (from.isTextual() && text.startsWith("offset:")) {
        return Integer.parseInt(text.substring("offset:".length()));
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the 422 below.
    }
    throw ApiError.invalid("\"from\" must be the \"next\" value of a previous answer, got " + from);
  }

  // Body include/exclude name properties and relations by identifier, meta-properties with "$".
  private static List<String> paths(ObjectNode blueprint, JsonNode names, String field) {
    List<String> paths = new ArrayList<>();
    if (names == null) {
      return paths;
    }
    if (!names.isArray()) {
      throw ApiError.invalid("\"" + field + "\" must be an array of identifiers, got " + names);
    }
    for (JsonNode name : names) {
      String id = name.asText();
      if (id.startsWith("$")) {
        paths.add(id.substring(1));
      } else if (blueprint.path("relations").has(id)) {
        paths.add("relations." + id);
      } else {
        paths.add("properties." + id);
      }
    }
    return paths;
  }
}
