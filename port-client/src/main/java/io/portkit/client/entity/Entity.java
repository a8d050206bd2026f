package io.portkit.client.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.internal.JsonNodes;
import java.util.List;
import java.util.Objects;

/**
 * A catalog entity: what is written with {@code POST /v1/blueprints/{bp}/entities} and read back.
 *
 * <p>{@code team} arrives as a string or an array and is always a list here. {@code properties} and
 * {@code relations} are JSON objects keyed by identifier; build them with {@link #builder}. {@link
 * #raw()} is the JSON Port returned (empty for entities built locally). Immutable; the JSON nodes
 * must not be modified.
 *
 * <pre>{@code
 * Entity e = Entity.builder("svc-payments").title("Payments").property("tier", "gold")
 *     .relation("team", "platform").build();
 * }</pre>
 *
 * @param identifier the entity identifier (may contain {@code /}; paths encode it)
 * @param title the title, or null
 * @param icon the icon, or null
 * @param team the owning teams, or null to leave them unset when writing
 * @param properties property values by identifier (never null)
 * @param relations related entity ids by relation identifier (never null)
 * @param blueprint the blueprint identifier when read from Port, else null
 * @param raw the JSON Port returned, or an empty object
 */
public record Entity(
    String identifier,
    String title,
    String icon,
    List<String> team,
    ObjectNode properties,
    ObjectNode relations,
    String blueprint,
    JsonNode raw) {

  /**
   * Validates the identifier and replaces absent objects with empty ones.
   *
   * @throws IllegalArgumentException if the identifier is blank
   */
  public Entity {
    Objects.requireNonNull(identifier, "identifier == null");
    if (identifier.isBlank()) {
      throw new IllegalArgumentException("entity identifier is blank");
    }
    team = team == null ? null : List.copyOf(team);
    properties = properties == null ? JsonNodeFactory.instance.objectNode() : properties;
    relations = relations == null ? JsonNodeFactory.instance.objectNode() : relations;
    raw = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
  }

  /** Returns a builder for an entity with {@code identifier}. */
  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  /**
   * Reads an entity object (the value of {@code "entity"} in Port's envelope).
   *
   * @throws IllegalArgumentException if it has no identifier
   */
  public static Entity fromJson(JsonNode node) {
    String id = JsonNodes.text(node, "identifier");
    if (id == null) {
      throw new IllegalArgumentException("not an entity: the JSON has no string identifier");
    }
    return new Entity(
        id,
        JsonNodes.text(node, "title"),
        JsonNodes.text(node, "icon"),
        JsonNodes.stringList(node, "team"),
        JsonNodes.object(node, "properties").deepCopy(),
        JsonNodes.object(node, "relations").deepCopy(),
        JsonNodes.text(node, "blueprint"),
        node);
  }

  /** Returns the JSON body to write: identifier, title, icon, team, properties, relations. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("identifier", identifier);
    if (title != null) {
      o.put("title", title);
    }
    if (icon != null) {
      o.put("icon", icon);
    }
    if (team != null) {
      team.forEach(o.putArray("team")::add);
    }
    o.set("properties", properties.deepCopy());
    o.set("relations", relations.deepCopy());
    return o;
  }

  /** Builds an {@link Entity}. Not thread-safe. */
  public static final class Builder {
    private final String identifier;
    private String title;
    private String icon;
    private List<String> team;
    private final ObjectNode properties = JsonNodeFactory.instance.objectNode();
    private final ObjectNode relations = JsonNodeFactory.instance.objectNode();

    private Builder(String identifier) {
      this.identifier = Objects.requireNonNull(identifier, "identifier == null");
    }

    /** Sets the title. */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title == null");
      return this;
    }

    /** Sets the icon. */
    public Builder icon(String icon) {
      this.icon = Objects.requireNonNull(icon, "icon == null");
      return this;
    }

    /** Sets the owning teams. */
    public Builder team(List<String> team) {
      this.team = List.copyOf(Objects.requireNonNull(team, "team == null"));
      return this;
    }

    /**
     * Sets a property. Strings, numbers, booleans, JSON nodes and null are stored as JSON; other
     * values are stored as POJOs and serialised by the client's mapper.
     */
    public Builder property(String name, Object value) {
      Objects.requireNonNull(name, "name == null");
      properties.set(name, toNode(value));
      return this;
    }

    /** Sets a relation to one entity id. */
    public Builder relation(String name, String target) {
      Objects.requireNonNull(name, "name == null");
      relations.put(name, Objects.requireNonNull(target, "target == null"));
      return this;
    }

    /** Sets a relation to several entity ids. */
    public Builder relation(String name, List<String> targets) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(targets, "targets == null");
      targets.forEach(relations.putArray(name)::add);
      return this;
    }

    /** Returns the entity. */
    public Entity build() {
      return new Entity(
          identifier, title, icon, team, properties.deepCopy(), relations.deepCopy(), null, null);
    }

    private static JsonNode toNode(Object value) {
      JsonNodeFactory f = JsonNodeFactory.instance;
      if (value == null) {
        return f.nullNode();
      } else if (value instanceof JsonNode) {
        return (JsonNode) value;
      } else if (value instanceof String) {
        return f.textNode((String) value);
      } else if (value instanceof Boolean) {
        return f.booleanNode((Boolean) value);
      } else if (value instanceof Integer || value instanceof Long) {
        return f.numberNode(((Number) value).longValue());
      } else if (value instanceof Number) {
        return f.numberNode(((Number) value).doubleValue());
      }
      return f.pojoNode(value);
    }
  }
}
