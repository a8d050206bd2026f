package io.portkit.client.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.internal.JsonNodes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a {@link SearchQuery}: a comparison on a property ({@link PropertyRule}), a relation
 * to given entities ({@link RelatedToRule}), or a nested query. Build rules with the factories:
 *
 * <pre>{@code
 * SearchQuery q = SearchQuery.and(
 *     SearchRule.of("$blueprint", SearchOperator.EQUALS, "service"),
 *     SearchRule.of("tier", SearchOperator.IN, List.of("gold", "silver")),
 *     SearchRule.isEmpty("owner"),
 *     SearchRule.relatedTo("team", "platform"));
 * }</pre>
 *
 * <p>{@code property} is a property identifier, or a meta-property with {@code $}: {@code
 * $identifier}, {@code $title}, {@code $blueprint}, {@code $team}, {@code $createdAt}, {@code
 * $updatedAt}. Rules are immutable.
 */
public sealed interface SearchRule permits PropertyRule, RelatedToRule, SearchQuery {
  /** Returns the rule as Port's JSON. */
  ObjectNode toJson();

  /**
   * Returns {@code property operator value}; values are converted as {@link
   * Entity.Builder#property} converts them (strings, numbers, booleans, instants, lists).
   *
   * @throws IllegalArgumentException if {@code operator} takes no value
   */
  static PropertyRule of(String property, SearchOperator operator, @Nullable Object value) {
    Objects.requireNonNull(operator, "operator == null");
    if (operator.unary()) {
      throw new IllegalArgumentException(
          operator.wire() + " takes no value: use SearchRule.isEmpty/isNotEmpty");
    }
    return new PropertyRule(property, operator, JsonNodes.toNode(value));
  }

  /** Returns a rule matching entities without a value for {@code property}. */
  static PropertyRule isEmpty(String property) {
    return new PropertyRule(property, SearchOperator.IS_EMPTY, null);
  }

  /** Returns a rule matching entities with a value for {@code property}. */
  static PropertyRule isNotEmpty(String property) {
    return new PropertyRule(property, SearchOperator.IS_NOT_EMPTY, null);
  }

  /** Returns a rule matching a date-time {@code property} within {@code [from, to]}. */
  static PropertyRule between(String property, Instant from, Instant to) {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    ObjectNode range = JsonNodeFactory.instance.objectNode();
    range.put("from", from.toString()).put("to", to.toString());
    return new PropertyRule(property, SearchOperator.BETWEEN, range);
  }

  /** Returns a rule matching entities related, in either direction, to entity {@code id}. */
  static RelatedToRule relatedTo(String blueprint, String id) {
    return new RelatedToRule(blueprint, List.of(id), null, null);
  }

  /** Returns {@code value} converted to JSON; see {@link #of}. */
  static JsonNode value(@Nullable Object value) {
    return JsonNodes.toNode(value);
  }
}
