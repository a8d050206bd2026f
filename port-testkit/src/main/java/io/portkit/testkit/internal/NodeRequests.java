package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portkit.testkit.internal.WorkflowRecords.Node;
import io.portkit.testkit.invoke.OutgoingWebhook;
import io.portkit.testkit.invoke.TriggerTemplate;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a webhook node's request as the workflow engine does (its config against {@code
 * .outputs}, {@code .secrets}, {@code .run.id}, {@code .workflowRun.id}, {@code
 * .workflow.identifier}, {@code .node.identifier}; ADR 0214), signed with the client secret, and
 * reads its answers. Call under the workflow store's lock. Stateless.
 */
final class NodeRequests {
  private static final int BODY_CHARS = 1000;

  private NodeRequests() {}

  static OutgoingWebhook render(
      Node node, JsonNode config, String secret, Map<String, String> secrets) {
    ObjectNode data = Json.object();
    data.set("outputs", node.run.outputs.deepCopy());
    ObjectNode secretsData = data.putObject("secrets");
    secrets.forEach(secretsData::put);
    data.putObject("run").put("id", node.id);
    data.putObject("workflowRun").put("id", node.run.id);
    data.putObject("workflow").put("identifier", node.run.workflow);
    data.putObject("node").put("identifier", node.identifier());
    String url = TriggerTemplate.renderText(config.path("url").asText(""), data);
    String method = config.path("method").asText("POST").toUpperCase(Locale.ROOT);
    OutgoingWebhook.Builder webhook =
        OutgoingWebhook.to(URI.create(url == null ? "" : url)).method(method).secret(secret);
    ObjectNode headers = Json.object();
    for (Map.Entry<String, JsonNode> h : config.path("headers").properties()) {
      String value =
          TriggerTemplate.renderText(
              h.getValue().isTextual() ? h.getValue().textValue() : h.getValue().toString(), data);
      if (value != null) {
        webhook.header(h.getKey(), value);
        headers.put(h.getKey(), value);
      }
    }
    JsonNode body =
        config.has("body") ? TriggerTemplate.render(config.get("body"), data) : Json.object();
    webhook.body(body);
    ObjectNode payload = Json.object().put("url", url).put("method", method);
    payload.put("synchronized", node.sync);
    payload.set("headers", headers);
    payload.set("body", body);
    node.payload = payload;
    return webhook.build();
  }

  static JsonNode parse(String text) {
    if (text.isEmpty()) {
      return Json.object();
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      return TextNode.valueOf(text);
    }
  }

  static String cut(String text) {
    return text.length() <= BODY_CHARS ? text : text.substring(0, BODY_CHARS) + "...";
  }

  // Port's schema allows booleans as strings ("true").
  static boolean isTrue(JsonNode flag) {
    return flag.isBoolean()
        ? flag.booleanValue()
        : flag.isTextual() && flag.asText().equalsIgnoreCase("true");
  }
}
