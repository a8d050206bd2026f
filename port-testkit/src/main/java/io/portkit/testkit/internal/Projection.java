package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Port's {@code include} and {@code exclude} parameters over an object: dotted paths into the JSON
 * ({@code identifier}, {@code properties.region}). With includes only those paths are kept; then
 * excludes are removed. A path that names nothing is ignored, as Port does.
 */
final class Projection {
  private Projection() {}

  /**
   * Returns a copy of {@code node} holding only {@code include} (all when empty), minus {@code
   * exclude}.
   */
  static ObjectNode apply(ObjectNode node, List<String> include, List<String> exclude) {
    ObjectNode result;
    if (include.isEmpty()) {
      result = node.deepCopy();
    } else {
      result = Json.object();
      for (String path : include) {
        copy(node, result, path.split("\\.", -1), 0);
      }
    }
    for (String path : exclude) {
      remove(result, path.split("\\.", -1), 0);
    }
    return result;
  }

  private static void copy(ObjectNode from, ObjectNode to, String[] path, int at) {
    JsonNode value = from.get(path[at]);
    if (value == null) {
      return;
    }
    if (at == path.length - 1) {
      to.set(path[at], value.deepCopy());
    } else if (value.isObject()) {
      JsonNode existing = to.get(path[at]);
      ObjectNode child =
          existing instanceof ObjectNode ? (ObjectNode) existing : to.putObject(path[at]);
      copy((ObjectNode) value, child, path, at + 1);
    }
  }

  private static void remove(ObjectNode node, String[] path, int at) {
    if (at == path.length - 1) {
      node.remove(path[at]);
      return;
    }
    JsonNode child = node.get(path[at]);
    if (child instanceof ObjectNode) {
      remove((ObjectNode) child, path, at + 1);
    }
  }
}
