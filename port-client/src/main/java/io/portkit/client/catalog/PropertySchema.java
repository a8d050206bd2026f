package io.portkit.client.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.internal.JsonNodes;

/**
 * One property of a blueprint's schema. Immutable; fields other than {@code raw} may be null.
 *
 * @param type {@code string}, {@code number}, {@code boolean}, {@code object} or {@code array}
 * @param title the display title
 * @param format a format such as {@code url} or {@code date-time}
 * @param description the description
 * @param raw the complete property JSON (enums, defaults, ...)
 */
public record PropertySchema(
    String type, String title, String format, String description, JsonNode raw) {
  /** Reads one property definition. */
  public static PropertySchema fromJson(JsonNode node) {
    return new PropertySchema(
        JsonNodes.text(node, "type"),
        JsonNodes.text(node, "title"),
        JsonNodes.text(node, "format"),
        JsonNodes.text(node, "description"),
        node);
  }
}
