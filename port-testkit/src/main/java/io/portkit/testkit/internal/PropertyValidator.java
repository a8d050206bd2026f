package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks an entity's {@code properties} against its blueprint's {@code schema}: the property names
 * the schema declares, {@code required}, and per property {@code type}, {@code format}, {@code
 * enum}, {@code pattern}, string lengths, number bounds and array {@code items}
 * (docs/decisions/0026-entity-property-validation.md). A failure is a 422 naming the property, the
 * rule and the value. Stateless.
 */
final class PropertyValidator {
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9@_=\\-]+$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern IPV6_GROUP = Pattern.compile("^[0-9A-Fa-f]{1,4}$");

  private final boolean rejectUnknown;

  /** {@code rejectUnknown}: whether a property the schema does not declare is a 422. */
  PropertyValidator(boolean rejectUnknown) {
    this.rejectUnknown = rejectUnknown;
  }

  /** Throws a 422 when {@code properties} do not satisfy {@code blueprint}'s schema. */
  void validate(String blueprintId, ObjectNode blueprint, JsonNode properties) {
    JsonNode schema = blueprint.path("schema");
    JsonNode declared = schema.path("properties");
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      String name = property.getKey();
      if (!NAME.matcher(name).matches()) {
        throw fail(name, blueprintId, "has an invalid identifier: use letters, digits, @ _ = -");
      }
      JsonNode definition = declared.get(name);
      if (definition == null) {
        if (rejectUnknown) {
          throw fail(
              name,
              blueprintId,
              "is not defined in the blueprint's schema; defined properties are "
                  + new java.util.TreeSet<>(fieldNames(declared)));
        }
        continue;
      }
      if (!property.getValue().isNull()) {
        check(name, blueprintId, definition, property.getValue());
      }
    }
    for (JsonNode required : schema.path("required")) {
      JsonNode value = properties.get(required.asText());
      if (value == null || value.isNull()) {
        throw fail(required.asText(), blueprintId, "is required by the blueprint's schema");
      }
    }
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private void check(String name, String blueprintId, JsonNode definition, JsonNode value) {
    String type = definition.path("type").asText("");
    boolean ok =
        switch (type) {
          case "string" -> value.isTextual();
          case "number" -> value.isNumber();
          case "boolean" -> value.isBoolean();
          case "object" -> value.isObject();
          case "array" -> value.isArray();
          default -> true; // no type: Port's schema allows any value
        };
    if (!ok) {
      throw fail(name, blueprintId, "must be " + article(type) + ", got " + describe(value));
    }
    JsonNode allowed = definition.get("enum");
    if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
      throw fail(name, blueprintId, "must be one of " + allowed + ", got " + describe(value));
    }
    if (value.isTextual()) {
      checkString(name, blueprintId, definition, value.textValue());
    } else if (value.isNumber()) {
      checkNumber(name, blueprintId, definition, value.doubleValue());
    } else if (value.isArray() && definition.path("items").isObject()) {
      for (int i = 0; i < value.size(); i++) {
        check(name + "[" + i + "]", blueprintId, definition.get("items"), value.get(i));
      }
    }
  }

  private static void checkString(String name, String blueprintId, JsonNode definition, String s) {
    String format = definition.path("format").asText("");
    if (!format.isEmpty() && !matchesFormat(format, s)) {
      throw fail(name, blueprintId, "must be a valid " + format + ", got \"" + s + "\"");
    }
    int length = s.codePointCount(0, s.length());
    if (definition.has("minLength") && length < definition.get("minLength").asInt()) {
      throw fail(
          name, blueprintId, "must be at least " + definition.get("minLength") + " characters");
    }
    if (definition.has("maxLength") && length > definition.get("maxLength").asInt()) {
      throw fail(
          name, blueprintId, "must be at most " + definition.get("maxLength") + " characters");
    }
    if (definition.path("pattern").isTextual()) {
      try {
        if (!Pattern.compile(definition.get("pattern").asText()).matcher(s).find()) {
          throw fail(
              name,
              blueprintId,
              "must match " + definition.get("pattern").asText() + ", got \"" + s + "\"");
        }
      } catch (PatternSyntaxException e) {
        // A pattern Java cannot compile is not checked rather than blamed on the entity.
      }
    }
  }

  private static void checkNumber(String name, String blueprintId, JsonNode definition, double n) {
    if (definition.path("minimum").isNumber() && n < definition.get("minimum").doubleValue()) {
      throw fail(name, blueprintId, "must be at least " + definition.get("minimum") + ", got " + n);
    }
    if (definition.path("maximum").isNumber() && n > definition.get("maximum").doubleValue()) {
      throw fail(name, blueprintId, "must be at most " + definition.get("maximum") + ", got " + n);
    }
  }

  // Formats with a checkable syntax; others (markdown, yaml, user, team, proto, ...) take any
  // string.
  static boolean matchesFormat(String format, String s) {
    switch (format) {
      case "date-time", "timer" -> {
        try {
          OffsetDateTime.parse(s);
          return true;
        } catch (DateTimeParseException e) {
          return false;
        }
      }
      case "date" -> {
        try {
          LocalDate.parse(s);
          return true;
        } catch (DateTimeParseException e) {
          return false;
        }
      }
      case "url" -> {
        try {
          URI uri = new URI(s);
          return uri.isAbsolute() && uri.getScheme() != null && !uri.toString().contains(" ");
        } catch (URISyntaxException e) {
          return false;
        }
      }
      case "email" -> {
        return EMAIL.matcher(s).matches();
      }
      case "ipv4" -> {
        return IPV4.matcher(s).matches();
      }
      case "ipv6" -> {
        return isIpv6(s);
      }
      default -> {
        return true;
      }
    }
  }

  // Hex groups with at most one "::"; an IPv4 tail is accepted in the last two groups' place.
  private static boolean isIpv6(String s) {
    if (s.isEmpty() || s.indexOf("::") != s.lastIndexOf("::")) {
      return false;
    }
    String[] halves = s.split("::", -1);
    int groups = 0;
    for (int h = 0; h < halves.length; h++) {
      if (halves[h].isEmpty()) {
        continue;
      }
      String[] parts = halves[h].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        boolean last = h == halves.length - 1 && i == parts.length - 1;
        if (last && IPV4.matcher(parts[i]).matches()) {
          groups += 2;
        } else if (IPV6_GROUP.matcher(parts[i]).matches()) {
          groups++;
        } else {
          return false;
        }
      }
    }
    return halves.length == 2 ? groups < 8 : groups == 8;
  }

  private static boolean contains(JsonNode allowed, JsonNode value) {
    for (JsonNode candidate : allowed) {
      boolean same =
          candidate.isNumber() && value.isNumber()
              ? candidate.decimalValue().compareTo(value.decimalValue()) == 0
              : candidate.equals(value);
      if (same) {
        return true;
      }
    }
    return false;
  }

  private static String article(String type) {
    return (type.equals("object") || type.equals("array") ? "an " : "a ") + type;
  }

  private static String describe(JsonNode value) {
    String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
    String text = value.toString();
    return type + " " + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
  }

  private static ApiError fail(String property, String blueprintId, String problem) {
    return ApiError.invalid(
        "property \"" + property + "\" of blueprint \"" + blueprintId + "\" " + problem);
  }
}
