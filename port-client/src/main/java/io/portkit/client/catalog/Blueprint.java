package io.portkit.client.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.internal.JsonNodes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A blueprint as returned by {@code GET /v1/blueprints/{id}}. Immutable; {@link #raw()} holds
 * fields not modelled here (calculation, mirror and aggregation properties, ownership, ...).
 *
 * @param identifier the blueprint identifier
 * @param title the title, or null
 * @param icon the icon, or null
 * @param description the description, or null
 * @param properties the schema properties by identifier, in Port's order
 * @param required the identifiers of required properties
 * @param relations the relations by identifier
 * @param raw the complete JSON object
 */
public record Blueprint(
    String identifier,
    @Nullable String title,
    @Nullable String icon,
    @Nullable String description,
    Map<String, PropertySchema> properties,
    List<String> required,
    Map<String, Relation> relations,
    JsonNode raw) {

  /** Validates the identifier and copies the collections. */
  public Blueprint {
    Objects.requireNonNull(identifier, "identifier == null");
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    required = List.copyOf(required);
    relations = Collections.unmodifiableMap(new LinkedHashMap<>(relations));
    Objects.requireNonNull(raw, "raw == null");
  }

  /**
   * Reads a blueprint object (the value of {@code "blueprint"} in Port's envelope).
   *
   * @throws IllegalArgumentException if it has no identifier
   */
  public static Blueprint fromJson(JsonNode node) {
    String id = JsonNodes.text(node, "identifier");
    if (id == null) {
      throw new IllegalArgumentException("not a blueprint: the JSON has no string identifier");
    }
    JsonNode schema = JsonNodes.node(node, "schema");
    Map<String, PropertySchema> props = new LinkedHashMap<>();
    JsonNodes.fields(schema, "properties")
        .forEach((k, v) -> props.put(k, PropertySchema.fromJson(v)));
    Map<String, Relation> rels = new LinkedHashMap<>();
    JsonNodes.fields(node, "relations").forEach((k, v) -> rels.put(k, Relation.fromJson(v)));
    return new Blueprint(
        id,
        JsonNodes.text(node, "title"),
        JsonNodes.text(node, "icon"),
        JsonNodes.text(node, "description"),
        props,
        JsonNodes.stringList(schema, "required"),
        rels,
        node);
  }
}
