package io.portkit.client.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.internal.JsonNodes;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * Entity unnamed = Entity.builder().title("Scratch").build();   // Port generates the identifier
 * }</pre>
 *
 * @param identifier the entity identifier (may contain {@code /}; paths encode it), or null for an
 *     entity to be created with an identifier Port generates (or a change set for {@link
 *     EntitiesApi#update}); entities read from Port always have one
 * @param title the title, or null
 * @param icon the icon, or null
 * @param team the owning teams, or null to leave them unset when writing
 * @param properties property values by identifier (never null)
 * @param relations related entity ids by relation identifier (never null)
 * @param blueprint the blueprint identifier when read from Port, else null
 * @param raw the JSON Port returned, or an empty object
 */
public record Entity(
    @Nullable String identifier,
    @Nullable String title,
    @Nullable String icon,
    @Nullable List<String> team,
    ObjectNode properties,
    ObjectNode relations,
    @Nullable String blueprint,
    JsonNode raw) {

  /**
   * Validates the identifier and replaces absent objects with empty ones.
   *
   * @throws IllegalArgumentException if the identifier is given but blank
   */
  public Entity {
    if (identifier != null && identifier.isBlank()) {
      throw new IllegalArgumentException("entity identifier is blank");
    }
    team = team == null ? null : List.copyOf(team);
    properties = properties == null ? JsonNodeFactory.instance.objectNode() : properties;
    relations = relations == null ? JsonNodeFactory.instance.objectNode() : relations;
    raw = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
  }

  /** Returns a builder for an entity with {@code identifier}. */
  public static Builder builder(String identifier) {
    return new Builder(Objects.requireNonNull(identifier, "identifier == null"));
  }

  /**
   * Returns a builder for an entity without an identifier: Port generates one when it is created
   * ({@code POST} without {@code identifier}), and {@link EntitiesApi#update} takes it as the
   * fields to change.
   */
  public static Builder builder() {
    return new Builder(null);
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
    return fromPartialJson(node);
  }

  /**
   * Reads an entity Port returned with only some of its fields (a search or a get with {@code
   * include}), so the identifier may be absent.
   */
  public static Entity fromPartialJson(JsonNode node) {
    return new Entity(
        JsonNodes.text(node, "identifier"),
        JsonNodes.text(node, "title"),
        JsonNodes.text(node, "icon"),
        JsonNodes.stringList(node, "team"),
        JsonNodes.object(node, "properties").deepCopy(),
        JsonNodes.object(node, "relations").deepCopy(),
        JsonNodes.text(node, "blueprint"),
        node);
  }

  /**
   * Returns the JSON body to write: identifier (left out when null), title, icon, team, properties,
   * relations.
   */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (identifier != null) {
      o.put("identifier", identifier);
    }
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
      this.identifier = identifier;
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
     * Sets a property. Strings, numbers, booleans, JSON nodes and null are stored as JSON, instants
     * as ISO-8601 strings, collections as arrays; other values are stored as POJOs and serialised
     * by the client's mapper.
     */
    public Builder property(String name, Object value) {
      Objects.requireNonNull(name, "name == null");
      properties.set(name, JsonNodes.toNode(value));
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
  }
}
