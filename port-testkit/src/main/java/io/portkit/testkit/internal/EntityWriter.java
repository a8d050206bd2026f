package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.testkit.TiedEntity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes entities the way Port's entity routes do: create, upsert, merge, replace (PUT) and update
 * (PATCH), each validated against the blueprint, stamped, tied to a run and recorded in the audit
 * log; {@code validation_only} checks everything and stores nothing
 * (docs/decisions/0025-entity-writes.md). Call under the state lock.
 */
final class EntityWriter {
  /** The fields of an entity a request may set; anything else is not stored. */
  static final Set<String> FIELDS =
      Set.of("identifier", "title", "icon", "team", "properties", "relations");

  /** How a write treats an existing entity. */
  enum Mode {
    /** POST without upsert: an existing entity is a 409. */
    CREATE,
    /** POST with upsert: replaces an existing entity. */
    UPSERT,
    /** POST with upsert and merge, or PATCH: updates the given fields of an existing entity. */
    MERGE,
    /** PUT: replaces an entity that must exist. */
    REPLACE,
    /** PATCH: updates an entity that must exist. */
    UPDATE
  }

  /**
   * The flags of one write.
   *
   * @param mode how an existing entity is treated
   * @param createMissing create related entities that do not exist
   * @param validationOnly check only, store nothing
   * @param runId the run to tie the write to, or null
   */
  record Options(Mode mode, boolean createMissing, boolean validationOnly, String runId) {}

  /**
   * A write's outcome.
   *
   * @param entity the entity as stored (or as it would be, for validation only)
   * @param created whether no entity had the identifier before
   */
  record Written(ObjectNode entity, boolean created) {}

  private final EmulatorState state;
  private final RunRules rules;
  private final EntityValidator validator;
  private final String caller;

  EntityWriter(EmulatorState state, RunRules rules, EntityValidator validator, String caller) {
    this.state = state;
    this.rules = rules;
    this.validator = validator;
    this.caller = caller;
  }

  /** Returns the entities of {@code blueprint}, or a 404 naming it. */
  Map<String, ObjectNode> entitiesOf(String blueprint) {
    if (!state.blueprints.containsKey(blueprint)) {
      throw ApiError.notFound("Blueprint", blueprint);
    }
    return state.entities.get(blueprint);
  }

  /** Returns the run {@code runId} after checking entities may be tied to it, or null. */
  RunRecord tieableRun(String runId) {
    if (runId == null) {
      return null;
    }
    RunRecord run = state.requireRun(runId);
    rules.requireTieable(run);
    return run;
  }

  /**
   * Writes {@code body} to {@code blueprint}. {@code pathId} is the identifier from the path (PUT,
   * PATCH) or null (POST, where a missing identifier is generated, as Port does).
   */
  Written write(String blueprint, String pathId, ObjectNode body, Options options) {
    Map<String, ObjectNode> entities = entitiesOf(blueprint);
    RunRecord run = tieableRun(options.runId());
    String id = identifier(body, pathId);
    ObjectNode existing = entities.get(id);
    Mode mode = options.mode();
    if (existing == null && (mode == Mode.REPLACE || mode == Mode.UPDATE)) {
      throw ApiError.notFound("Entity", id);
    }
    if (existing != null && mode == Mode.CREATE) {
      throw new ApiError(
          409,
          "entity_already_exists",
          "Entity \""
              + id
              + "\" of blueprint \""
              + blueprint
              + "\" already exists; pass upsert=true to replace it or upsert=true&merge=true to"
              + " update it");
    }
    boolean merging = existing != null && (mode == Mode.MERGE || mode == Mode.UPDATE);
    ObjectNode entity = merging ? merged(existing, body) : normalized(body, id, blueprint);
    List<String[]> missing = validator.validate(blueprint, entity, options.createMissing());
    String now = Json.time(state.now());
    entity.put("createdAt", existing != null ? existing.path("createdAt").asText() : now);
    entity.put("createdBy", existing != null ? existing.path("createdBy").asText() : caller);
    entity.put("updatedAt", now).put("updatedBy", caller);
    if (options.validationOnly()) {
      return new Written(entity, existing == null);
    }
    for (String[] related : missing) {
      createStub(related[0], related[1], run);
    }
    entities.put(id, entity);
    String action = existing == null ? "CREATE" : "UPDATE";
    if (run != null) {
      run.tied.add(new TiedEntity(blueprint, id, action));
    }
    state.audit.entity(
        action, blueprint, id, options.runId(), existing, entity, caller, state.now());
    state.entityChanged(action, blueprint, id, run, existing, entity);
    return new Written(entity.deepCopy(), existing == null);
  }

  private String identifier(ObjectNode body, String pathId) {
    JsonNode given = body.get("identifier");
    if (given != null && given.isObject()) {
      throw new ApiError(
          501,
          "not_emulated",
          "An identifier given as a search query is not emulated; send the identifier as a string");
    }
    if (given != null && !given.isTextual()) {
      throw ApiError.invalid("\"identifier\" must be a string, got " + given);
    }
    if (pathId != null) {
      if (given != null && !given.asText().equals(pathId)) {
        throw ApiError.invalid(
            "the body's identifier \""
                + given.asText()
                + "\" differs from the path's \""
                + pathId
                + "\"; leave it out or send the same one");
      }
      return pathId;
    }
    return given == null ? state.ids().entityId() : given.asText();
  }

  private void createStub(String blueprint, String id, RunRecord run) {
    ObjectNode stub = normalized(Json.object(), id, blueprint);
    String now = Json.time(state.now());
    stub.put("createdAt", now).put("createdBy", caller).put("updatedAt", now);
    stub.put("updatedBy", caller);
    state.entities.get(blueprint).put(id, stub);
    if (run != null) {
      run.tied.add(new TiedEntity(blueprint, id, "CREATE"));
    }
    state.audit.entity(
        "CREATE", blueprint, id, run == null ? null : run.id, null, stub, caller, state.now());
  }

  /** Returns the stored form of a new entity: known fields only, team as an array. */
  static ObjectNode normalized(ObjectNode body, String id, String blueprint) {
    ObjectNode entity = Json.object().put("identifier", id);
    for (String field : List.of("title", "icon")) {
      if (body.has(field)) {
        entity.set(field, body.get(field).deepCopy());
      }
    }
    entity.put("blueprint", blueprint);
    entity.set("team", teams(body.get("team")));
    entity.set("properties", object(body, "properties"));
    entity.set("relations", object(body, "relations"));
    return entity;
  }

  private static ObjectNode merged(ObjectNode existing, ObjectNode body) {
    ObjectNode entity = existing.deepCopy();
    for (String field : List.of("title", "icon")) {
      if (body.has(field)) {
        entity.set(field, body.get(field).deepCopy());
      }
    }
    if (body.has("team")) {
      entity.set("team", teams(body.get("team")));
    }
    ((ObjectNode) entity.get("properties")).setAll(object(body, "properties"));
    ((ObjectNode) entity.get("relations")).setAll(object(body, "relations"));
    return entity;
  }

  private static ObjectNode object(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Json.object();
    }
    if (!value.isObject()) {
      throw ApiError.invalid("\"" + field + "\" must be an object, got " + value);
    }
    return (ObjectNode) value.deepCopy();
  }

  // Port answers team as an array whichever form was sent; a query object is not emulated.
  private static ArrayNode teams(JsonNode team) {
    ArrayNode teams = Json.MAPPER.createArrayNode();
    if (team == null || team.isNull()) {
      return teams;
    }
    if (team.isObject()) {
      throw new ApiError(
          501, "not_emulated", "\"team\" given as a search query is not emulated; send team names");
    }
    if (team.isArray()) {
      return (ArrayNode) team.deepCopy();
    }
    return teams.add(team);
  }
}
