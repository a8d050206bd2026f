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
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
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
import java.util.Set;
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
          .addModule(
              new SimpleModule("portkit-secrets")
                  .addDeserializer(SecretValue.class, new SecretValueDeserializer()))
          .build();

  private static final SecretDecryptor NO_KEYS = SecretDecryptor.builder().build();

  private InputBinder() {}

  static <T> T bind(ObjectNode inputs, Class<T> type) {
    return bind(inputs, type, null, Set.of());
  }

  /**
   * Binds {@code inputs} to {@code type}; {@link SecretValue} components are decrypted with {@code
   * secrets}, and the inputs named in {@code encrypted} are never echoed in a message.
   */
  static <T> T bind(
      ObjectNode inputs, Class<T> type, @Nullable SecretDecryptor secrets, Set<String> encrypted) {
    ObjectNode tree = withSnakeCaseAliases(inputs);
    requirePrimitives(tree, type);
    requireSecretComponents(encrypted, type);
    try {
      return MAPPER
          .readerFor(type)
          .withAttribute(SecretValueDeserializer.DECRYPTOR, secrets == null ? NO_KEYS : secrets)
          .readValue(tree);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      SecretInputException secret = secretCause(e);
      if (secret != null) {
        String path = e instanceof JsonMappingException m ? path(m) : null;
        throw path == null || path.equals(secret.input()) ? secret : secret.at(path);
      }
      throw failure(e, tree, type, encrypted);
    } catch (IOException e) {
      throw new InputBindingException(
          null,
          "inputs do not fit " + type.getSimpleName() + ": " + e.getClass().getSimpleName(),
          e);
    }
  }

  private static InputBindingException failure(
      Exception error, ObjectNode tree, Class<?> type, Set<String> encrypted) {
    if (error instanceof ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String message =
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return new InputBindingException(null, "invalid inputs: " + message, e);
    }
    if (error instanceof MismatchedInputException e) {
      String path = path(e);
      String expected = describe(e.getTargetType());
      String got = isSecret(path, encrypted) ? "a secret value (not shown)" : render(at(tree, e));
      return new InputBindingException(
          path,
          (path == null ? "inputs" : "input '" + path + "'")
              + ": expected "
              + expected
              + ", got "
              + got,
          // Jackson's own message quotes the value: a secret's must not travel as the cause.
          isSecret(path, encrypted) ? null : e);
    }
    if (error instanceof JsonMappingException e) {
      String path = path(e);
      boolean secret = isSecret(path, encrypted);
      return new InputBindingException(
          path,
          (path == null ? "inputs" : "input '" + path + "'")
              + " do not fit "
              + type.getSimpleName()
              + (secret ? "" : ": " + e.getOriginalMessage()),
          secret ? null : e);
    }
    if (error instanceof JsonProcessingException e) {
      return new InputBindingException(
          null, "inputs do not fit " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
    return new InputBindingException(null, "invalid inputs: " + error.getMessage(), error);
  }

  private static boolean isSecret(@Nullable String path, Set<String> encrypted) {
    if (path == null || encrypted.isEmpty()) {
      return false;
    }
    int dot = path.indexOf('.');
    int bracket = path.indexOf('[');
    int end = dot < 0 ? bracket : bracket < 0 ? dot : Math.min(dot, bracket);
    String root = end < 0 ? path : path.substring(0, end);
    return encrypted.contains(root) || encrypted.contains(SNAKE.translate(root));
  }

  private static @Nullable SecretInputException secretCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SecretInputException s) {
        return s;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** An input Port encrypted must bind to a SecretValue: as a String it would hold ciphertext. */
  private static void requireSecretComponents(Set<String> encrypted, Class<?> type) {
    if (encrypted.isEmpty() || !type.isRecord()) {
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      String input = inputName(component);
      if (encrypted.contains(input) && component.getType() != SecretValue.class) {
        throw new InputBindingException(
            input,
            "input '"
                + input
                + "' is a secret input (Port encrypts it): declare component "
                + component.getName()
                + " as SecretValue, which decrypts it",
            null);
      }
    }
  }

  private static String inputName(RecordComponent component) {
    JsonProperty named = component.getAccessor().getAnnotation(JsonProperty.class);
    return named != null && !named.value().isEmpty()
        ? named.value()
        : SNAKE.translate(component.getName());
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
      String input = inputName(component);
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
