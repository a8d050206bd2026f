package io.portkit.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small JSON shape checker for the contract tests: the types, required fields and closed objects
 * the spec gives a response, written as code. {@link #assertMatches} lists every mismatch with its
 * JSON path.
 */
@FunctionalInterface
interface Shape {
  Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");

  /** Adds to {@code problems} each way {@code node} (at {@code path}) differs from the shape. */
  void check(JsonNode node, String path, List<String> problems);

  /** Throws an AssertionError listing every mismatch. */
  default void assertMatches(JsonNode node) {
    List<String> problems = new ArrayList<>();
    check(node, "$", problems);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "response does not match the spec's shape:\n  "
              + String.join("\n  ", problems)
              + "\nin "
              + node);
    }
  }

  static Shape string() {
    return (node, path, problems) -> expect(node.isTextual(), path, "a string", node, problems);
  }

  static Shape dateTime() {
    return (node, path, problems) ->
        expect(
            node.isTextual() && DATE_TIME.matcher(node.asText()).matches(),
            path,
            "a date-time string",
            node,
            problems);
  }

  static Shape number() {
    return (node, path, problems) -> expect(node.isNumber(), path, "a number", node, problems);
  }

  static Shape bool() {
    return (node, path, problems) -> expect(node.isBoolean(), path, "a boolean", node, problems);
  }

  static Shape value(boolean constant) {
    return (node, path, problems) ->
        expect(
            node.isBoolean() && node.booleanValue() == constant,
            path,
            "the constant " + constant,
            node,
            problems);
  }

  static Shape oneOf(Set<String> values) {
    return (node, path, problems) ->
        expect(
            node.isTextual() && values.contains(node.asText()),
            path,
            "one of " + values,
            node,
            problems);
  }

  static Shape anyObject() {
    return (node, path, problems) -> expect(node.isObject(), path, "an object", node, problems);
  }

  static Shape array(Shape items) {
    return (node, path, problems) -> {
      if (!expect(node.isArray(), path, "an array", node, problems)) {
        return;
      }
      for (int i = 0; i < node.size(); i++) {
        items.check(node.get(i), path + "[" + i + "]", problems);
      }
    };
  }

  static Shape nullable(Shape shape) {
    return (node, path, problems) -> {
      if (!node.isNull()) {
        shape.check(node, path, problems);
      }
    };
  }

  /** Matches when any of {@code shapes} matches. */
  static Shape either(Shape... shapes) {
    return (node, path, problems) -> {
      List<String> all = new ArrayList<>();
      for (Shape shape : shapes) {
        List<String> attempt = new ArrayList<>();
        shape.check(node, path, attempt);
        if (attempt.isEmpty()) {
          return;
        }
        all.addAll(attempt);
      }
      problems.add(path + ": matches none of the alternatives " + all);
    };
  }

  static ObjectShape object() {
    return new ObjectShape();
  }

  private static boolean expect(
      boolean ok, String path, String what, JsonNode node, List<String> problems) {
    if (!ok) {
      problems.add(path + ": expected " + what + ", got " + node);
    }
    return ok;
  }

  /** An object with required and optional fields; {@link #closed()} forbids any other field. */
  final class ObjectShape implements Shape {
    private final Map<String, Shape> required = new LinkedHashMap<>();
    private final Map<String, Shape> optional = new LinkedHashMap<>();
    private boolean closed;

    ObjectShape required(String name, Shape shape) {
      required.put(name, shape);
      return this;
    }

    ObjectShape optional(String name, Shape shape) {
      optional.put(name, shape);
      return this;
    }

    ObjectShape closed() {
      closed = true;
      return this;
    }

    @Override
    public void check(JsonNode node, String path, List<String> problems) {
      if (!expect(node.isObject(), path, "an object", node, problems)) {
        return;
      }
      required.forEach(
          (name, shape) -> {
            if (!node.has(name)) {
              problems.add(path + ": required field \"" + name + "\" is missing");
            } else {
              shape.check(node.get(name), path + "." + name, problems);
            }
          });
      optional.forEach(
          (name, shape) -> {
            if (node.has(name)) {
              shape.check(node.get(name), path + "." + name, problems);
            }
          });
      if (closed) {
        node.fieldNames()
            .forEachRemaining(
                name -> {
                  if (!required.containsKey(name) && !optional.containsKey(name)) {
                    problems.add(
                        path + ": field \"" + name + "\" is not in the spec's closed object");
                  }
                });
      }
    }
  }
}
