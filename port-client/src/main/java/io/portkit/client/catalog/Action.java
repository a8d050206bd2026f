package io.portkit.client.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.internal.JsonNodes;
import java.util.Objects;

/**
 * An action as returned by {@code GET /v1/actions/{id}}. Immutable; {@link #raw()} holds fields not
 * modelled here (approval settings, publish flags, ...).
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
    String title,
    String icon,
    String description,
    JsonNode trigger,
    InvocationMethod invocationMethod,
    JsonNode raw) {

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

  /** Returns the trigger type ({@code self-service} or {@code automation}), or null. */
  public String triggerType() {
    return JsonNodes.text(trigger, "type");
  }

  /** Returns whether this is an automation ({@code trigger.type} is {@code automation}). */
  public boolean isAutomation() {
    return "automation".equals(triggerType());
  }

  /**
   * Returns the identifiers of the user inputs Port encrypts (those whose definition has {@code
   * encryption}), in definition order; empty for automations.
   */
  public java.util.List<String> secretInputs() {
    java.util.List<String> secret = new java.util.ArrayList<>();
    trigger
        .path("userInputs")
        .path("properties")
        .properties()
        .forEach(
            input -> {
              if (input.getValue().has("encryption")) {
                secret.add(input.getKey());
              }
            });
    return java.util.List.copyOf(secret);
  }

  /** Returns the self-service operation ({@code CREATE}, {@code DAY-2}, {@code DELETE}) or null. */
  public String operation() {
    return JsonNodes.text(trigger, "operation");
  }
}
