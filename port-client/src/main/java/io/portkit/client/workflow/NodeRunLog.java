package io.portkit.client.workflow;

import java.util.Map;
import java.util.Objects;

/**
 * One log line of a workflow node run. Port takes two spellings: {@code {"logLevel", "log",
 * "tags"}} inside a node-run PATCH, {@code {"level", "message"}} on the logs route; the client
 * writes whichever the route wants. Immutable.
 *
 * @param level the level
 * @param message the text
 * @param tags key-value pairs for the line (sent with a PATCH only), never null
 */
public record NodeRunLog(LogLevel level, String message, Map<String, String> tags) {
  /** Validates and copies the components. */
  public NodeRunLog {
    Objects.requireNonNull(level, "level == null");
    Objects.requireNonNull(message, "message == null");
    tags = Map.copyOf(Objects.requireNonNull(tags, "tags == null"));
  }

  /** Returns a line without tags. */
  public static NodeRunLog of(LogLevel level, String message) {
    return new NodeRunLog(level, message, Map.of());
  }
}
