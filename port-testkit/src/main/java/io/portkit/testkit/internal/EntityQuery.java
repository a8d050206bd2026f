package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compiles Port's entity search query ({@code {combinator, rules}}, rules nested to any depth) into
 * a predicate over stored entities. Compiling checks the whole query first, so a malformed rule is
 * a 422 and a rule the emulator does not evaluate is a 501 naming it, before any entity is read
 * (docs/decisions/0028-entity-search.md). Call under the state lock: relation rules read the
 * catalog.
 */
final class EntityQuery {
  /** The rule kinds of Port's query model the emulator does not evaluate, by their key. */
  private static final Set<String> NOT_EMULATED =
      Set.of("matchAny", "propertySchema", "scorecard", "scorecardRule");

  private final EmulatorState state;
  private final Instant now;

  EntityQuery(EmulatorState state) {
    this.state = state;
    this.now = state.now();
  }

  /** Returns the predicate of {@code query}, a {@code {combinator, rules}} object. */
  Predicate<ObjectNode> compile(JsonNode query) {
    if (query == null || !query.isObject()) {
      throw ApiError.invalid(
          "the query must be an object {\"combinator\":\"and\"|\"or\",\"rules\":[...]}");
    }
    Json.rejectUnknownFields((ObjectNode) query, Set.of("combinator", "rules"));
    String combinator = query.path("combinator").asText("");
    if (!combinator.equals("and") && !combinator.equals("or")) {
      throw ApiError.invalid(
          "\"combinator\" must be \"and\" or \"or\", got " + query.get("combinator"));
    }
    JsonNode rules = query.get("rules");
    if (rules == null || !rules.isArray()) {
      throw ApiError.invalid("\"rules\" is required: an array of rules or nested queries");
    }
    List<Predicate<ObjectNode>> compiled = new ArrayList<>();
    for (JsonNode rule : rules) {
      compiled.add(rule.has("combinator") ? compile(rule) : rule(rule));
    }
    return combinator.equals("and")
        ? entity -> compiled.stream().allMatch(p -> p.test(entity))
        : entity -> compiled.stream().anyMatch(p -> p.test(entity));
  }

  private Predicate<ObjectNode> rule(JsonNode rule) {
    if (!rule.isObject()) {
      throw ApiError.invalid("a rule must be an object, got " + rule);
    }
    String operator = rule.path("operator").asText("");
    for (String key : NOT_EMULATED) {
      if (rule.has(key) || operator.equals(key)) {
        throw notEmulated("rules using \"" + key + "\"");
      }
    }
    if (rule.path("property").isObject() || rule.path("value").has("context")) {
      throw notEmulated("contextual rules (\"context\": \"user\" or \"userTeams\")");
    }
    if (operator.equals("relatedTo")) {
      return relatedTo(rule);
    }
    if (rule.has("relation")) {
      return relationRule(rule, operator);
    }
    String property = rule.path("property").asText(null);
    if (property == null) {
      throw ApiError.invalid("rule " + rule + " needs a \"property\" (or \"relation\") to test");
    }
    return switch (operator) {
      case "between", "notBetween" -> dated(operator, property, rule.get("value"));
      case "isExpired", "isNotExpired" -> expiry(operator, property);
      default -> {
        if (!ComparisonOperators.SUPPORTED.contains(operator)) {
          throw ApiError.invalid(
              "unknown operator \""
                  + operator
                  + "\"; Port's operators are documented at"
                  + " https://docs.port.io/search-and-query/");
        }
        if (!operator.startsWith("is") && !rule.has("value")) {
          throw ApiError.invalid("operator \"" + operator + "\" needs a \"value\"");
        }
        Predicate<JsonNode> test = ComparisonOperators.of(operator, rule.path("value"));
        yield entity -> test.test(valueOf(entity, property));
      }
    };
  }

  /** Returns what a rule's {@code property} names: a meta-property, a property or a relation. */
  static JsonNode valueOf(ObjectNode entity, String property) {
    if (property.startsWith("$")) {
      return entity.get(property.substring(1));
    }
    JsonNode value = entity.path("properties").get(property);
    return value != null ? value : entity.path("relations").get(property);
  }

  private Predicate<ObjectNode> dated(String operator, String property, JsonNode value) {
    Instant[] range = DateRanges.of(value, now);
    boolean inside = operator.equals("between");
    return entity -> {
      JsonNode actual = valueOf(entity, property);
      Instant at =
          actual != null && actual.isTextual()
              ? ComparisonOperators.instant(actual.textValue())
              : null;
      boolean within = at != null && !at.isBefore(range[0]) && !at.isAfter(range[1]);
      return at != null && within == inside;
    };
  }

  private Predicate<ObjectNode> expiry(String operator, String property) {
    boolean expired = operator.equals("isExpired");
    return entity -> {
      JsonNode actual = valueOf(entity, property);
      Instant at =
          actual != null && actual.isTextual()
              ? ComparisonOperators.instant(actual.textValue())
              : null;
      return at != null && at.isBefore(now) == expired;
    };
  }

  // {relation, targetProperty?, operator, value}: tests the related entities' $identifier or
  // $title.
  private Predicate<ObjectNode> relationRule(JsonNode rule, String operator) {
    String relation = rule.get("relation").asText();
    String target = rule.path("targetProperty").asText("$identifier");
    if (!target.equals("$identifier") && !target.equals("$title")) {
      throw ApiError.invalid(
          "\"targetProperty\" must be \"$identifier\" or \"$title\", got \"" + target + "\"");
    }
    requireComparison(operator);
    Predicate<JsonNode> test = ComparisonOperators.of(operator, rule.path("value"));
    return entity -> {
      JsonNode ids = entity.path("relations").get(relation);
      if (ids == null || ids.isNull() || target.equals("$identifier")) {
        return test.test(ids);
      }
      String targetBlueprint =
          state
              .blueprints
              .get(entity.get("blueprint").asText())
              .path("relations")
              .path(relation)
              .path("target")
              .asText();
      Map<String, ObjectNode> targets = state.entities.getOrDefault(targetBlueprint, Map.of());
      var titles = Json.MAPPER.createArrayNode();
      for (JsonNode id : ids.isArray() ? ids : List.of(ids)) {
        ObjectNode related = targets.get(id.asText());
        titles.add(related == null ? null : related.get("title"));
      }
      return test.test(titles);
    };
  }

  private static String requireComparison(String operator) {
    if (!ComparisonOperators.SUPPORTED.contains(operator)) {
      throw ApiError.invalid("unknown operator \"" + operator + "\" in a relation rule");
    }
    return operator;
  }

  private Predicate<ObjectNode> relatedTo(JsonNode rule) {
    String blueprint = rule.path("blueprint").asText(null);
    JsonNode value = rule.get("value");
    if (blueprint == null || value == null || !(value.isTextual() || value.isArray())) {
      throw ApiError.invalid(
          "a relatedTo rule needs \"blueprint\" and \"value\" (an identifier or an array)");
    }
    String direction = rule.path("direction").asText("");
    if (!direction.isEmpty() && !direction.equals("upstream") && !direction.equals("downstream")) {
      throw ApiError.invalid(
          "\"direction\" must be \"upstream\" or \"downstream\", got \"" + direction + "\"");
    }
    Boolean required = rule.path("required").isBoolean() ? rule.get("required").asBoolean() : null;
    List<String> sources = new ArrayList<>();
    for (JsonNode id : value.isArray() ? value : List.of(value)) {
      sources.add(id.asText());
    }
    Set<String> related = new RelationGraph(state, required).related(blueprint, sources, direction);
    return entity ->
        related.contains(
            RelationGraph.key(entity.get("blueprint").asText(), entity.get("identifier").asText()));
  }

  private static ApiError notEmulated(String what) {
    return new ApiError(
        501,
        "not_emulated",
        "The emulator's search does not evaluate "
            + what
            + "; see docs/testing-with-port-testkit.md for the operators it supports");
  }
}
