package io.portkit.client.entity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code relatedTo} rule: entities related to one or more entities of {@code blueprint}.
 *
 * @param blueprint the blueprint of the given entities
 * @param identifiers the given entities (at least one)
 * @param direction {@link Direction#UPSTREAM} for the entities they depend on, {@link
 *     Direction#DOWNSTREAM} for those depending on them, or null for both
 * @param required follow only required relations ({@code true}), only optional ones ({@code
 *     false}), or all (null)
 */
public record RelatedToRule(
    String blueprint,
    List<String> identifiers,
    @Nullable Direction direction,
    @Nullable Boolean required)
    implements SearchRule {
  /** The side of the dependency graph to search. */
  public enum Direction {
    /** Entities the given entities depend on. */
    UPSTREAM,
    /** Entities that depend on the given entities. */
    DOWNSTREAM
  }

  /**
   * Validates and copies the rule.
   *
   * @throws IllegalArgumentException if there are no identifiers
   */
  public RelatedToRule {
    Objects.requireNonNull(blueprint, "blueprint == null");
    identifiers = List.copyOf(Objects.requireNonNull(identifiers, "identifiers == null"));
    if (identifiers.isEmpty()) {
      throw new IllegalArgumentException("relatedTo needs at least one entity identifier");
    }
  }

  /** Returns a copy searching in {@code direction}. */
  public RelatedToRule direction(@Nullable Direction direction) {
    return new RelatedToRule(blueprint, identifiers, direction, required);
  }

  /** Returns a copy following only required ({@code true}) or only optional relations. */
  public RelatedToRule required(boolean onlyRequired) {
    return new RelatedToRule(blueprint, identifiers, direction, onlyRequired);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode rule = JsonNodeFactory.instance.objectNode();
    rule.put("operator", "relatedTo").put("blueprint", blueprint);
    if (identifiers.size() == 1) {
      rule.put("value", identifiers.get(0));
    } else {
      identifiers.forEach(rule.putArray("value")::add);
    }
    if (direction != null) {
      rule.put("direction", direction == Direction.UPSTREAM ? "upstream" : "downstream");
    }
    if (required != null) {
      rule.put("required", required);
    }
    return rule;
  }
}
