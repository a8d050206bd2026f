package io.portkit.client.entity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * Port's entity search query: {@code {"combinator": "and"|"or", "rules": [...]}}, where a rule may
 * itself be a query. See {@link SearchRule} for building rules and
 * https://docs.port.io/search-and-query/ for the semantics.
 *
 * @param combinator whether every rule ({@link Combinator#AND}) or any ({@link Combinator#OR}) must
 *     match
 * @param rules the rules, at least one
 */
public record SearchQuery(Combinator combinator, List<SearchRule> rules) implements SearchRule {
  /** How a query combines its rules. */
  public enum Combinator {
    /** Every rule must match. */
    AND,
    /** At least one rule must match. */
    OR
  }

  /**
   * Validates and copies the query.
   *
   * @throws IllegalArgumentException if there are no rules
   */
  public SearchQuery {
    Objects.requireNonNull(combinator, "combinator == null");
    rules = List.copyOf(Objects.requireNonNull(rules, "rules == null"));
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("a search query needs at least one rule");
    }
  }

  /** Returns a query matching entities that satisfy every rule. */
  public static SearchQuery and(SearchRule... rules) {
    return new SearchQuery(Combinator.AND, List.of(rules));
  }

  /** Returns a query matching entities that satisfy at least one rule. */
  public static SearchQuery or(SearchRule... rules) {
    return new SearchQuery(Combinator.OR, List.of(rules));
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode query = JsonNodeFactory.instance.objectNode();
    query.put("combinator", combinator == Combinator.AND ? "and" : "or");
    ArrayNode array = query.putArray("rules");
    rules.forEach(rule -> array.add(rule.toJson()));
    return query;
  }
}
