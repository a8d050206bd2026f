package io.portkit.client.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.internal.JsonNodes;
import org.jspecify.annotations.Nullable;

/**
 * The approval decision recorded on a run. Immutable; any field may be null.
 *
 * @param state the approval state as Port sent it, for example {@code APPROVED}
 * @param userId the deciding user, or null
 * @param description the approver's comment, or null
 */
public record Approval(String state, @Nullable String userId, @Nullable String description) {
  /** Reads an approval object; returns null for null or missing input. */
  public static @Nullable Approval fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    return new Approval(
        JsonNodes.text(node, "state"),
        JsonNodes.text(node, "userId"),
        JsonNodes.text(node, "description"));
  }
}
