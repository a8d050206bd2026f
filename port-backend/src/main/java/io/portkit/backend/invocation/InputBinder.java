package io.portkit.backend.invocation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Binds a run's inputs to a handler's type, usually a record (ADR 0171).
 *
 * <p>Record components map to snake_case input identifiers ({@code durationMinutes} reads {@code
 * duration_minutes}), {@code @JsonProperty} names one exactly, and an input sent in camelCase is
 * found too. Inputs the type does not declare are ignored (Port sends every input of the action). A
 * missing input is null, or an error for a primitive component, since 0 or false would hide it.
 * Every failure becomes an {@link InputBindingException} that names the input. Thread-safe.
 */
final class InputBinder {
  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
  private static final int MAX_VALUE_CHARS = 60;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .addModule(new JavaTimeModule())
          .build();

  private InputBinder() {}

  static <T> T bind(ObjectNode inputs, Class<T> type) {
    ObjectNode tree = withSnakeCaseAliases(inputs);
    requirePrimitives(tree, type);
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String message =
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      throw new InputBindingException(null, "invalid inputs: " + message, e);
    } catch (MismatchedInputException e) {
      String path = path(e);
      String expected = describe(e.getTargetType());
      throw new InputBindingException(
          path,
          (path == null ? "inputs" : "input '" + path + "'")
              + ": expected "
              + expected
              + ", got "
              + render(at(tree, e)),
          e);
    } catch (JsonMappingException e) {
      String path = path(e);
      throw new InputBindingException(
          path,
          (path == null ? "inputs" : "input '" + path + "'")
              + " do not fit "
              + type.getSimpleName()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (JsonProcessingException e) {
      throw new InputBindingException(
          null, "inputs do not fit " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InputBindingException(null, "invalid inputs: " + e.getMessage(), e);
    }
  }

  /** Adds a snake_case copy of each camelCase key, so either spelling of an input id binds. */
  private static ObjectNode withSnakeCaseAliases(ObjectNode inputs) {
    ObjectNode copy = inputs.deepCopy();
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(inputs.properties());
    for (Map.Entry<String, JsonNode> entry : entries) {
      String snake = SNAKE.translate(entry.getKey());
      if (!snake.equals(entry.getKey()) && !copy.has(snake)) {
        copy.set(snake, entry.getValue());
      }
    }
    return copy;
  }

  private static void requirePrimitives(ObjectNode tree, Class<?> type) {
    if (!type.isRecord()) {
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      if (!component.getType().isPrimitive()) {
        continue;
      }
      JsonProperty named = component.getAccessor().getAnnotation(JsonProperty.class);
      String input =
          named != null && !named.value().isEmpty()
              ? named.value()
              : SNAKE.translate(component.getName());
      if (!tree.has(input)) {
        throw new InputBindingException(
            input,
            "input '"
                + input
                + "' is missing: the action must send it ("
                + component.getType().getName()
                + " cannot be empty; declare it as "
                + boxed(component.getType())
                + " to make it optional)",
            null);
      }
    }
  }

  private static @Nullable String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? null : path.toString();
  }

  private static @Nullable JsonNode at(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    Iterator<JsonMappingException.Reference> refs = e.getPath().iterator();
    while (node != null && refs.hasNext()) {
      JsonMappingException.Reference ref = refs.next();
      node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
    }
    return node;
  }

  private static String render(@Nullable JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    String text = value.toString();
    return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
  }

  static String describe(@Nullable Class<?> type) {
    if (type == null) {
      return "another value";
    }
    Class<?> t = type.isPrimitive() ? boxedClass(type) : type;
    if (t == Integer.class
        || t == Long.class
        || t == Short.class
        || t == Byte.class
        || t == BigInteger.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(t) || t == BigDecimal.class) {
      return "a number";
    }
    if (t == Boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(t) || t == Character.class) {
      return "a string";
    }
    if (t.isEnum()) {
      return "one of " + Arrays.toString(t.getEnumConstants());
    }
    if (t.isArray() || Collection.class.isAssignableFrom(t)) {
      return "a list";
    }
    if (t == LocalDate.class) {
      return "a date (yyyy-mm-dd)";
    }
    if (Temporal.class.isAssignableFrom(t)) {
      return "a date-time (ISO 8601)";
    }
    return "an object";
  }

  private static String boxed(Class<?> primitive) {
    return boxedClass(primitive).getSimpleName();
  }

  private static Class<?> boxedClass(Class<?> primitive) {
    if (primitive == int.class) {
      return Integer.class;
    }
    if (primitive == long.class) {
      return Long.class;
    }
    if (primitive == boolean.class) {
      return Boolean.class;
    }
    if (primitive == double.class) {
      return Double.class;
    }
    if (primitive == float.class) {
      return Float.class;
    }
    if (primitive == short.class) {
      return Short.class;
    }
    if (primitive == byte.class) {
      return Byte.class;
    }
    return Character.class;
  }
}
