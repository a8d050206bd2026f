package io.portkit.client.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.internal.JsonNodes;
import java.time.Instant;

/**
 * A stored log line of a run, as Port returns it. Immutable; fields other than {@code message} may
 * be null.
 *
 * @param id the log id
 * @param runId the run id
 * @param message the text
 * @param createdBy who wrote it
 * @param createdAt when it was written
 */
public record RunLogEntry(
    String id, String runId, String message, String createdBy, Instant createdAt) {
  /** Reads a {@code runLog} object. */
  public static RunLogEntry fromJson(JsonNode node) {
    String message = JsonNodes.text(node, "message");
    return new RunLogEntry(
        JsonNodes.text(node, "id"),
        JsonNodes.text(node, "runId"),
        message == null ? "" : message,
        JsonNodes.text(node, "createdBy"),
        JsonNodes.instant(node, "createdAt"));
  }
}
