package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entities' relations as a dependency graph, for {@code relatedTo}: an entity depends on the
 * entities its relations point at. Upstream of a source are the entities it depends on, directly or
 * through others; downstream are those depending on it; without a direction, both. Call under the
 * state lock.
 */
final class RelationGraph {
  private final EmulatorState state;
  private final Boolean required;

  /** {@code required}: follow only relations whose {@code required} is this, or all when null. */
  RelationGraph(EmulatorState state, Boolean required) {
    this.state = state;
    this.required = required;
  }

  /** Returns a node's key, {@code blueprint/identifier}. */
  static String key(String blueprint, String identifier) {
    return blueprint + "\u0000" + identifier;
  }

  /** Returns the keys of the entities related to {@code sources} of {@code blueprint}. */
  Set<String> related(String blueprint, List<String> sources, String direction) {
    Set<String> found = new HashSet<>();
    if (!direction.equals("downstream")) {
      walk(blueprint, sources, true, found);
    }
    if (!direction.equals("upstream")) {
      walk(blueprint, sources, false, found);
    }
    for (String source : sources) {
      found.remove(key(blueprint, source));
    }
    return found;
  }

  private void walk(String blueprint, List<String> sources, boolean upstream, Set<String> found) {
    Deque<String[]> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    sources.forEach(id -> queue.add(new String[] {blueprint, id}));
    while (!queue.isEmpty()) {
      String[] node = queue.poll();
      if (!seen.add(key(node[0], node[1]))) {
        continue;
      }
      for (String[] next : upstream ? targets(node) : dependents(node)) {
        found.add(key(next[0], next[1]));
        queue.add(next);
      }
    }
  }

  // The entities node's relations point at.
  private List<String[]> targets(String[] node) {
    List<String[]> targets = new java.util.ArrayList<>();
    ObjectNode entity = state.entities.getOrDefault(node[0], Map.of()).get(node[1]);
    if (entity == null) {
      return targets;
    }
    JsonNode declared = state.blueprints.get(node[0]).path("relations");
    entity
        .path("relations")
        .properties()
        .forEach(
            relation -> {
              JsonNode spec = declared.path(relation.getKey());
              if (follows(spec)) {
                for (JsonNode id : ids(relation.getValue())) {
                  targets.add(new String[] {spec.path("target").asText(), id.asText()});
                }
              }
            });
    return targets;
  }

  // The entities whose relations point at node.
  private List<String[]> dependents(String[] node) {
    List<String[]> dependents = new java.util.ArrayList<>();
    state.entities.forEach(
        (bp, byId) -> {
          JsonNode declared = state.blueprints.get(bp).path("relations");
          byId.forEach(
              (id, entity) ->
                  entity
                      .path("relations")
                      .properties()
                      .forEach(
                          relation -> {
                            JsonNode spec = declared.path(relation.getKey());
                            if (follows(spec) && spec.path("target").asText().equals(node[0])) {
                              for (JsonNode target : ids(relation.getValue())) {
                                if (target.asText().equals(node[1])) {
                                  dependents.add(new String[] {bp, id});
                                }
                              }
                            }
                          }));
        });
    return dependents;
  }

  private boolean follows(JsonNode spec) {
    return !spec.isMissingNode()
        && (required == null || spec.path("required").asBoolean(false) == required);
  }

  private static Iterable<JsonNode> ids(JsonNode value) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    return value.isArray() ? value : List.of(value);
  }
}
