package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks an entity about to be written against Port's rules: identifier syntax, field types, the
 * owning teams ({@code _team} entities), the blueprint's property schema and its relations
 * (declared, shaped by {@code many}, required, targets present). Call under the state lock: it
 * reads the catalog.
 */
final class EntityValidator {
  /** Port's entity identifier syntax (the blueprint syntax plus {@code =}), at most 1000 chars. */
  static final Pattern IDENTIFIER = Pattern.compile("^(?!\\.{1,2}$)[\\p{L}0-9@_.+:\\\\/=-]+$");

  private final EmulatorState state;
  private final PropertyValidator properties;

  EntityValidator(EmulatorState state, PropertyValidator properties) {
    this.state = state;
    this.properties = properties;
  }

  /** Throws a 422 when {@code identifier} is not a valid entity identifier. */
  static void requireIdentifier(String identifier) {
    if (identifier.length() > 1000 || !IDENTIFIER.matcher(identifier).matches()) {
      throw ApiError.invalid(
          "entity identifier \""
              + identifier
              + "\" must match "
              + IDENTIFIER.pattern()
              + " and be at most 1000 characters");
    }
  }

  /**
   * Validates {@code entity} (normalized: team an array, properties and relations objects) of
   * {@code blueprint}; returns the related entities that do not exist yet, as [blueprint, id]
   * pairs, which the caller creates when {@code create_missing_related_entities} is set.
   */
  List<String[]> validate(String blueprint, ObjectNode entity, boolean createMissing) {
    ObjectNode definition = state.blueprints.get(blueprint);
    requireIdentifier(entity.get("identifier").asText());
    for (String field : List.of("title", "icon")) {
      JsonNode value = entity.get(field);
      if (value != null && !value.isNull() && !value.isTextual()) {
        throw ApiError.invalid("\"" + field + "\" must be a string, got " + value);
      }
    }
    checkTeams(entity.get("team"));
    properties.validate(blueprint, definition, entity.get("properties"));
    return checkRelations(blueprint, definition, entity.get("relations"), createMissing);
  }

  private void checkTeams(JsonNode team) {
    Map<String, ObjectNode> teams = state.entities.get(SystemBlueprints.TEAM);
    for (JsonNode name : team) {
      if (!name.isTextual()) {
        throw ApiError.invalid(
            "\"team\" must be a team name or an array of team names, got " + team);
      }
      if (!teams.containsKey(name.asText())) {
        throw new ApiError(
            422,
            "team_not_found",
            "Team \""
                + name.asText()
                + "\" does not exist; create it first as a _team entity"
                + " (POST /v1/blueprints/_team/entities with {\"identifier\":\""
                + name.asText()
                + "\"}), or leave \"team\" out");
      }
    }
  }

  private List<String[]> checkRelations(
      String blueprint, ObjectNode definition, JsonNode relations, boolean createMissing) {
    JsonNode declared = definition.path("relations");
    List<String[]> missing = new ArrayList<>();
    for (Map.Entry<String, JsonNode> relation : relations.properties()) {
      JsonNode spec = declared.get(relation.getKey());
      if (spec == null) {
        List<String> names = new ArrayList<>();
        declared.fieldNames().forEachRemaining(names::add);
        throw new ApiError(
            404,
            "not_found",
            "Relation \""
                + relation.getKey()
                + "\" is not defined on blueprint \""
                + blueprint
                + "\"; its relations are "
                + new TreeSet<>(names));
      }
      JsonNode value = relation.getValue();
      if (value.isNull()) {
        continue;
      }
      if (value.isObject()) {
        throw new ApiError(
            501,
            "not_emulated",
            "Relation \""
                + relation.getKey()
                + "\" is given as a search query; the emulator only takes entity identifiers");
      }
      boolean many = spec.path("many").asBoolean(false);
      if (many ? !isStringArray(value) : !value.isTextual()) {
        throw ApiError.invalid(
            "relation \""
                + relation.getKey()
                + "\" of blueprint \""
                + blueprint
                + "\" is "
                + (many ? "many: send an array of identifiers" : "single: send one identifier")
                + ", got "
                + value);
      }
      String target = spec.path("target").asText();
      Map<String, ObjectNode> targets = state.entities.getOrDefault(target, Map.of());
      for (JsonNode id : many ? value : List.of(value)) {
        if (!targets.containsKey(id.asText())) {
          if (!createMissing) {
            throw ApiError.notFound("Related entity (blueprint \"" + target + "\")", id.asText());
          }
          missing.add(new String[] {target, id.asText()});
        }
      }
    }
    declared
        .properties()
        .forEach(
            spec -> {
              JsonNode value = relations.get(spec.getKey());
              if (spec.getValue().path("required").asBoolean(false)
                  && (value == null || value.isNull())) {
                throw ApiError.invalid(
                    "relation \""
                        + spec.getKey()
                        + "\" is required by blueprint \""
                        + blueprint
                        + "\"");
              }
            });
    return missing;
  }

  private static boolean isStringArray(JsonNode value) {
    if (!value.isArray()) {
      return false;
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
