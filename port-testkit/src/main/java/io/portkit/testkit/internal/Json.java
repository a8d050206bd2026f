package io.portkit.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/** The emulator's JSON mapper and the checks its routes share. */
public final class Json {
  /** The one mapper the emulator uses; thread-safe once built. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  // Port's timestamps carry milliseconds, e.g. 2024-01-01T10:00:00.000Z.
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  /** Returns a new empty object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Formats {@code instant} as Port does. */
  public static String time(Instant instant) {
    return TIME.format(instant);
  }

  /** Parses {@code text}, or throws a 422 naming the problem. */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiError.invalid("the body is not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  /**
   * Parses {@code text} for a code caller, or throws IllegalArgumentException naming {@code what}.
   */
  public static JsonNode parseArgument(String text, String what) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Serializes {@code value} to compact JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
    }
  }

  /** Requires {@code body} to be an object, else a 422. */
  public static ObjectNode requireObject(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiError.invalid("the body must be a JSON object");
    }
    return (ObjectNode) body;
  }

  /**
   * Throws a 422 naming the first field of {@code body} not in {@code allowed}
   * (additionalProperties:false).
   */
  public static void rejectUnknownFields(ObjectNode body, Set<String> allowed) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String name = field.getKey();
      if (!allowed.contains(name)) {
        throw ApiError.invalid(
            "unknown field \""
                + name
                + "\"; allowed fields are "
                + new java.util.TreeSet<>(allowed));
      }
    }
  }

  /**
   * Returns the string field {@code name}, {@code null} when absent, or a 422 when not a string.
   */
  public static String optionalString(ObjectNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiError.invalid(
          "\""
              + name
              + "\" must be a string, got "
              + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return value.asText();
  }

  /** Returns the string field {@code name}, or a 422 when absent or not a string. */
  public static String requiredString(ObjectNode body, String name) {
    String value = optionalString(body, name);
    if (value == null) {
      throw ApiError.invalid("\"" + name + "\" is required");
    }
    return value;
  }

  /**
   * Returns a terminal status field ({@code SUCCESS}/{@code FAILURE}), {@code null} when absent,
   * else a 422.
   */
  public static String optionalFinalStatus(ObjectNode body, String name) {
    String value = optionalString(body, name);
    if (value != null && !value.equals("SUCCESS") && !value.equals("FAILURE")) {
      throw ApiError.invalid(
          "\"" + name + "\" must be one of [SUCCESS, FAILURE], got \"" + value + "\"");
    }
    return value;
  }
}
