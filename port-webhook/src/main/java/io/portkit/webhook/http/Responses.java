package io.portkit.webhook.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** Builds the JSON responses of {@link WebhookEndpoint}. Thread-safe. */
final class Responses {
  static final String JSON = "application/json; charset=utf-8";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
  private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", JSON);

  private Responses() {}

  static WebhookResponse error(int status, String error, String message) {
    return error(status, error, message, Map.of());
  }

  static WebhookResponse error(
      int status, String error, String message, Map<String, String> extra) {
    ObjectNode body =
        MAPPER.createObjectNode().put("ok", false).put("error", error).put("message", message);
    return json(status, body, extra);
  }

  static WebhookResponse ok(int status, String runId, String state) {
    // Every delivery is answered with this, so it is written straight to text: no tree and no
    // serializer lookup. Jackson's encoder still escapes the values, whatever they hold.
    StringBuilder json = new StringBuilder(64).append("{\"ok\":true");
    if (runId != null) {
      json.append(",\"runId\":\"");
      ENCODER.quoteAsString(runId, json);
      json.append('"');
    }
    if (state != null) {
      json.append(",\"status\":\"");
      ENCODER.quoteAsString(state, json);
      json.append('"');
    }
    return new WebhookResponse(status, JSON_HEADERS, json.append('}').toString().getBytes(UTF_8));
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
