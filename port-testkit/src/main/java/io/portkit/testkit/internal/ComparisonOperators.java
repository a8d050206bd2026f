package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The comparison operators of Port's search rules, as predicates over one value of an entity (a
 * property, a meta-property or a relation). {@code null} stands for a value the entity does not
 * have. Strings compare case-sensitively; date-time strings compare as instants; a rule on an array
 * value (such as {@code $team}) matches when an element does, except {@code isEmpty}
 * (docs/decisions/0028-entity-search.md). Stateless.
 */
final class ComparisonOperators {
  /** Every comparison operator the emulator evaluates. */
  static final Set<String> SUPPORTED =
      Set.of(
          "=",
          "!=",
          ">",
          ">=",
          "<",
          "<=",
          "contains",
          "doesNotContains",
          "containsAny",
          "beginsWith",
          "doesNotBeginsWith",
          "endsWith",
          "doesNotEndsWith",
          "in",
          "notIn",
          "isEmpty",
          "isNotEmpty");

  private ComparisonOperators() {}

  /**
   * Returns the predicate for {@code operator} against the rule's {@code value}; 422 on a bad
   * value.
   */
  static Predicate<JsonNode> of(String operator, JsonNode value) {
    return switch (operator) {
      case "=" -> actual -> anyElement(actual, a -> same(a, value));
      case "!=" -> actual -> !anyElement(actual, a -> same(a, value));
      case ">", ">=", "<", "<=" -> ordered(operator, value);
      case "contains" -> text(operator, value, (a, v) -> a.contains(v));
      case "doesNotContains" -> negate(text(operator, value, (a, v) -> a.contains(v)));
      case "beginsWith" -> text(operator, value, (a, v) -> a.startsWith(v));
      case "doesNotBeginsWith" -> negate(text(operator, value, (a, v) -> a.startsWith(v)));
      case "endsWith" -> text(operator, value, (a, v) -> a.endsWith(v));
      case "doesNotEndsWith" -> negate(text(operator, value, (a, v) -> a.endsWith(v)));
      case "in" -> member(operator, value);
      case "notIn" -> negate(member(operator, value));
      case "containsAny" -> containsAny(value);
      case "isEmpty" -> ComparisonOperators::empty;
      case "isNotEmpty" -> actual -> !empty(actual);
      default -> throw new IllegalArgumentException("not a comparison operator: " + operator);
    };
  }

  private static boolean empty(JsonNode actual) {
    return actual == null || actual.isNull() || (actual.isArray() && actual.isEmpty());
  }

  private static Predicate<JsonNode> negate(Predicate<JsonNode> predicate) {
    return actual -> !predicate.test(actual);
  }

  private static boolean anyElement(JsonNode actual, Predicate<JsonNode> test) {
    if (actual == null || actual.isNull()) {
      return test.test(null);
    }
    if (actual.isArray()) {
      for (JsonNode element : actual) {
        if (test.test(element)) {
          return true;
        }
      }
      return false;
    }
    return test.test(actual);
  }

  static boolean same(JsonNode actual, JsonNode expected) {
    if (actual == null || actual.isNull()) {
      return expected == null || expected.isNull();
    }
    if (expected == null || expected.isNull()) {
      return false;
    }
    if (actual.isNumber() && expected.isNumber()) {
      return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
    }
    if (actual.isTextual() && expected.isTextual()) {
      Instant a = instant(actual.textValue());
      Instant e = instant(expected.textValue());
      if (a != null && e != null) {
        return a.equals(e);
      }
    }
    return actual.equals(expected);
  }

  private static Predicate<JsonNode> ordered(String operator, JsonNode value) {
    Instant bound = value.isTextual() ? instant(value.textValue()) : null;
    if (!value.isNumber() && bound == null) {
      throw ApiError.invalid(
          "operator \"" + operator + "\" takes a number or an ISO 8601 date-time, got " + value);
    }
    return actual ->
        anyElement(
            actual,
            a -> {
              int order;
              if (a == null) {
                return false;
              } else if (value.isNumber() && a.isNumber()) {
                order = a.decimalValue().compareTo(value.decimalValue());
              } else if (bound != null && a.isTextual() && instant(a.textValue()) != null) {
                order = instant(a.textValue()).compareTo(bound);
              } else {
                return false;
              }
              return switch (operator) {
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                case "<" -> order < 0;
                default -> order <= 0;
              };
            });
  }

  private interface TextTest {
    boolean test(String actual, String value);
  }

  private static Predicate<JsonNode> text(String operator, JsonNode value, TextTest test) {
    if (!value.isTextual()) {
      throw ApiError.invalid("operator \"" + operator + "\" takes a string, got " + value);
    }
    String v = value.textValue();
    return actual ->
        anyElement(actual, a -> a != null && a.isTextual() && test.test(a.textValue(), v));
  }

  private static List<JsonNode> values(String operator, JsonNode value) {
    if (!value.isArray()) {
      throw ApiError.invalid(
          "operator \"" + operator + "\" takes an array of values, got " + value);
    }
    List<JsonNode> values = new ArrayList<>();
    value.forEach(values::add);
    return values;
  }

  private static Predicate<JsonNode> member(String operator, JsonNode value) {
    List<JsonNode> values = values(operator, value);
    return actual -> anyElement(actual, a -> values.stream().anyMatch(v -> same(a, v)));
  }

  private static Predicate<JsonNode> containsAny(JsonNode value) {
    List<JsonNode> values = values("containsAny", value);
    return actual ->
        anyElement(
            actual,
            a ->
                a != null
                    && values.stream()
                        .anyMatch(
                            v ->
                                same(a, v)
                                    || (a.isTextual()
                                        && v.isTextual()
                                        && a.textValue().contains(v.textValue()))));
  }

  /**
   * Returns {@code text} as an instant when it is an ISO 8601 date-time with an offset, else null.
   */
  static Instant instant(String text) {
    if (text.length() < 20 || text.charAt(4) != '-') {
      return null; // cheap filter: most strings are not date-times
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
