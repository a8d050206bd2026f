package io.portkit.client.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.internal.JsonNodes;

/**
 * How Port invokes an action's backend. Immutable; fields other than {@code type} and {@code raw}
 * may be null.
 *
 * @param type {@code WEBHOOK}, {@code GITHUB}, {@code KAFKA}, ... as Port sent it, or null
 * @param url the webhook URL, or null
 * @param method the webhook HTTP method, or null (Port's default is POST)
 * @param agent whether Port's execution agent makes the call
 * @param synchronous whether Port sets the run status from the webhook's HTTP answer (JSON field
 *     {@code synchronized})
 * @param raw the complete JSON (headers, body template, ...)
 */
public record InvocationMethod(
    String type, String url, String method, boolean agent, boolean synchronous, JsonNode raw) {
  /** Reads an {@code invocationMethod} object; {@code true} and {@code "true"} both count. */
  public static InvocationMethod fromJson(JsonNode node) {
    return new InvocationMethod(
        JsonNodes.text(node, "type"),
        JsonNodes.text(node, "url"),
        JsonNodes.text(node, "method"),
        JsonNodes.bool(node, "agent"),
        JsonNodes.bool(node, "synchronized"),
        node);
  }
}
