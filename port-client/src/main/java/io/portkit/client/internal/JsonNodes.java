package io.portkit.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Lenient readers for Port's JSON: missing, null or mistyped fields read as absent. */
public final class JsonNodes {
  private JsonNodes() {}

  /** Returns the text of {@code field}, or null when absent, null or not a scalar. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  /** Returns the boolean of {@code field} ({@code true} or {@code "true"}), else false. */
  public static boolean bool(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && (v.isBoolean() ? v.booleanValue() : "true".equalsIgnoreCase(v.asText()));
  }

  /** Returns the instant of an ISO-8601 {@code field}, or null when absent or malformed. */
  public static Instant instant(JsonNode node, String field) {
    String v = text(node, field);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Returns {@code field} as a node, or a missing node (never null). */
  public static JsonNode node(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? JsonNodeFactory.instance.missingNode() : v;
  }

  /** Returns {@code field} as an object node, or an empty one when absent or not an object. */
  public static ObjectNode object(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v instanceof ObjectNode ? (ObjectNode) v : JsonNodeFactory.instance.objectNode();
  }

  /** Reads a string or an array of strings as an unmodifiable list; absent gives empty. */
  public static List<String> stringList(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      return v.isContainerNode() ? List.of() : List.of(v.asText());
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isNull() && !item.isContainerNode()) {
        out.add(item.asText());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns {@code value} as JSON: strings, numbers, booleans, JSON nodes and null as themselves,
   * instants as ISO-8601 strings, collections as arrays of converted items; anything else as a POJO
   * node the client's mapper serializes.
   */
  public static JsonNode toNode(@Nullable Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value == null) {
      return f.nullNode();
    } else if (value instanceof JsonNode) {
      return (JsonNode) value;
    } else if (value instanceof String) {
      return f.textNode((String) value);
    } else if (value instanceof Boolean) {
      return f.booleanNode((Boolean) value);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return f.numberNode(((Number) value).longValue());
    } else if (value instanceof java.math.BigDecimal) {
      return f.numberNode((java.math.BigDecimal) value);
    } else if (value instanceof java.math.BigInteger) {
      return f.numberNode((java.math.BigInteger) value);
    } else if (value instanceof Number) {
      return f.numberNode(((Number) value).doubleValue());
    } else if (value instanceof Instant) {
      return f.textNode(value.toString());
    } else if (value instanceof Iterable) {
      com.fasterxml.jackson.databind.node.ArrayNode array = f.arrayNode();
      ((Iterable<?>) value).forEach(item -> array.add(toNode(item)));
      return array;
    }
    return f.pojoNode(value);
  }

  /** Reads an object field into an unmodifiable map of its child nodes; absent gives empty. */
  public static Map<String, JsonNode> fields(JsonNode node, String field) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    object(node, field).properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    return Collections.unmodifiableMap(out);
  }
}
