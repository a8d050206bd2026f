package io.portkit.client.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.internal.JsonNodes;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An action as returned by {@code GET /v1/actions/{id}}, or one to define. Immutable; {@link
 * #raw()} holds fields not modelled here (approval settings, publish flags, ...).
 *
 * <p>Read one with {@link #fromJson(JsonNode)} or {@link #fromJson(String)} (the JSON Port shows
 * under Self-service, Edit JSON), or build one in code:
 *
 * <pre>{@code
 * Action deploy = Action.builder("deploy")
 *     .title("Deploy")
 *     .blueprint("service")                          // a DAY-2 action on service entities
 *     .userInput("env", "string")
 *     .invocationMethod(InvocationMethod.webhook(URI.create("https://example.ngrok-free.app/")))
 *     .build();
 * }</pre>
 *
 * @param identifier the action identifier
 * @param title the title, or null
 * @param icon the icon, or null
 * @param description the description, or null
 * @param trigger the trigger JSON ({@code type}, {@code operation}, {@code userInputs}, ...), or a
 *     missing node
 * @param invocationMethod how the backend is invoked, or null when absent
 * @param raw the complete JSON object
 */
public record Action(
    String identifier,
    @Nullable String title,
    @Nullable String icon,
    @Nullable String description,
    JsonNode trigger,
    @Nullable InvocationMethod invocationMethod,
    JsonNode raw) {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** Validates the identifier. */
  public Action {
    Objects.requireNonNull(identifier, "identifier == null");
    Objects.requireNonNull(trigger, "trigger == null");
    Objects.requireNonNull(raw, "raw == null");
  }

  /**
   * Reads an action object (the value of {@code "action"} in Port's envelope).
   *
   * @throws IllegalArgumentException if it has no identifier
   */
  public static Action fromJson(JsonNode node) {
    String id = JsonNodes.text(node, "identifier");
    if (id == null) {
      throw new IllegalArgumentException("not an action: the JSON has no string identifier");
    }
    JsonNode im = node.get("invocationMethod");
    return new Action(
        id,
        JsonNodes.text(node, "title"),
        JsonNodes.text(node, "icon"),
        JsonNodes.text(node, "description"),
        JsonNodes.node(node, "trigger"),
        im == null || !im.isObject() ? null : InvocationMethod.fromJson(im),
        node);
  }

  /**
   * Reads an action from its JSON text, as Port shows it (Self-service, the action, Edit JSON).
   *
   * @throws IllegalArgumentException if the text is not JSON or has no identifier
   */
  public static Action fromJson(String json) {
    Objects.requireNonNull(json, "json == null");
    try {
      return fromJson(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "action json is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Returns a builder for a self-service action named {@code identifier}.
   *
   * @throws IllegalArgumentException if {@code identifier} is blank
   */
  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  /** Returns the trigger type ({@code self-service} or {@code automation}), or null. */
  public @Nullable String triggerType() {
    return JsonNodes.text(trigger, "type");
  }

  /** Returns the self-service operation ({@code CREATE}, {@code DAY-2}, {@code DELETE}) or null. */
  public @Nullable String operation() {
    return JsonNodes.text(trigger, "operation");
  }

  /**
   * Builds a self-service {@link Action}: the JSON Port takes at {@code POST /v1/actions}. Get one
   * from {@link Action#builder(String)}. Not thread-safe.
   */
  public static final class Builder {
    private final String identifier;
    private String title;
    private String icon;
    private String description;
    private String blueprint;
    private String operation;
    private final ObjectNode userInputs = MAPPER.createObjectNode();
    private InvocationMethod invocationMethod;

    private Builder(String identifier) {
      Objects.requireNonNull(identifier, "identifier == null");
      if (identifier.isBlank()) {
        throw new IllegalArgumentException("action identifier is blank");
      }
      this.identifier = identifier;
    }

    /** Sets the title shown in Port (default: none). */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title == null");
      return this;
    }

    /** Sets the icon (default: none). */
    public Builder icon(String icon) {
      this.icon = Objects.requireNonNull(icon, "icon == null");
      return this;
    }

    /** Sets the description (default: none). */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description == null");
      return this;
    }

    /**
     * Ties the action to entities of {@code blueprint} ({@code trigger.blueprintIdentifier}); the
     * operation then defaults to {@code DAY-2}.
     */
    public Builder blueprint(String blueprint) {
      this.blueprint = Objects.requireNonNull(blueprint, "blueprint == null");
      return this;
    }

    /**
     * Sets the self-service operation: {@code CREATE}, {@code DAY-2} or {@code DELETE} (default
     * {@code DAY-2} with a blueprint, {@code CREATE} without).
     */
    public Builder operation(String operation) {
      this.operation = Objects.requireNonNull(operation, "operation == null");
      return this;
    }

    /**
     * Adds the user input {@code name} of JSON-schema {@code type} ({@code string}, {@code number},
     * {@code boolean}, {@code object}, {@code array}) to {@code trigger.userInputs.properties}.
     */
    public Builder userInput(String name, String type) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(type, "type == null");
      userInputs.putObject(name).put("type", type);
      return this;
    }

    /**
     * Sets how Port invokes the backend; {@link InvocationMethod#webhook(java.net.URI)} is the one
     * portkit recommends, {@code .synchronous(true)} for a synchronized action.
     */
    public Builder invocationMethod(InvocationMethod invocationMethod) {
      this.invocationMethod = Objects.requireNonNull(invocationMethod, "invocationMethod == null");
      return this;
    }

    /**
     * Returns the action.
     *
     * @throws IllegalStateException if no invocation method was set: Port requires one
     */
    public Action build() {
      if (invocationMethod == null) {
        throw new IllegalStateException(
            "action "
                + identifier
                + " has no invocationMethod: set one, e.g. InvocationMethod.webhook(uri)");
      }
      ObjectNode json = MAPPER.createObjectNode().put("identifier", identifier);
      if (title != null) {
        json.put("title", title);
      }
      if (icon != null) {
        json.put("icon", icon);
      }
      if (description != null) {
        json.put("description", description);
      }
      ObjectNode trigger = json.putObject("trigger").put("type", "self-service");
      trigger.put(
          "operation", operation != null ? operation : blueprint != null ? "DAY-2" : "CREATE");
      if (blueprint != null) {
        trigger.put("blueprintIdentifier", blueprint);
      }
      trigger.putObject("userInputs").set("properties", userInputs.deepCopy());
      json.set("invocationMethod", invocationMethod.toJsonNode());
      return fromJson(json);
    }

    @Override
    public String toString() {
      return "Action.Builder[" + identifier + "]";
    }
  }
}
