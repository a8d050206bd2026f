package io.portkit.client.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.internal.JsonNodes;
import org.jspecify.annotations.Nullable;

/**
 * A relation defined on a blueprint. Immutable.
 *
 * @param title the display title, or null
 * @param target the target blueprint identifier
 * @param required whether every entity must set it
 * @param many whether it points at several entities
 */
public record Relation(@Nullable String title, String target, boolean required, boolean many) {
  /** Reads one relation definition. */
  public static Relation fromJson(JsonNode node) {
    return new Relation(
        JsonNodes.text(node, "title"),
        JsonNodes.text(node, "target"),
        JsonNodes.bool(node, "required"),
        JsonNodes.bool(node, "many"));
  }
}
