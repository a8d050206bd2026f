package io.portkit.webhook.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** Builds the JSON responses of {@link WebhookEndpoint}. Thread-safe. */
final class Responses {
  static final String JSON = "application/json; charset=utf-8";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Responses() {}

  static WebhookResponse error(int status, String error, String message) {
    return error(status, error, message, Map.of());
  }

  static WebhookResponse error(int status, String error, String message, Map<String, String> extra) {
    ObjectNode body = MAPPER.createObjectNode().put("ok", false).put("error", error).put("message", message);
    return json(status, body, extra);
  }

  static WebhookResponse ok(int status, String runId, String state) {
    ObjectNode body = MAPPER.createObjectNode().put("ok", true);
    if (runId != null) {
      body.put("runId", runId);
    }
    if (state != null) {
      body.put("status", state);
    }
    return json(status, body, Map.of());
  }

  static WebhookResponse json(int status, JsonNode body, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(extra);
    headers.put("Content-Type", JSON);
    try {
      return new WebhookResponse(status, headers, MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      // Only a JsonNode from a broken custom subclass can fail to serialize.
      throw new IllegalStateException("response body could not be serialized as JSON", e);
    }
  }
}
