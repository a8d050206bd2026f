package io.portkit.client.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.internal.JsonNodes;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reference from a run to an action, blueprint or entity: {@code {identifier, title, icon,
 * deleted}}. Immutable.
 *
 * @param identifier the referenced identifier
 * @param title the title, or null
 * @param icon the icon, or null
 * @param deleted whether the referenced object has been deleted since
 */
public record Ref(
    String identifier, @Nullable String title, @Nullable String icon, boolean deleted) {
  /** Validates the identifier. */
  public Ref {
    Objects.requireNonNull(identifier, "identifier == null");
  }

  /**
   * Reads a reference that is either a bare identifier string (v1 runs) or an object (v2 runs).
   *
   * @return the reference, or null when {@code node} is null, JSON null or has no identifier
   */
  public static @Nullable Ref fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return new Ref(node.asText(), null, null, false);
    }
    String id = JsonNodes.text(node, "identifier");
    if (id == null) {
      return null;
    }
    return new Ref(
        id,
        JsonNodes.text(node, "title"),
        JsonNodes.text(node, "icon"),
        JsonNodes.bool(node, "deleted"));
  }
}
