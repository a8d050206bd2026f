package io.portkit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.invocation.Signer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Builds messages as Port publishes them to ORG_ID.runs, signed with Port's agent recipe. */
final class PortMessages {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private PortMessages() {}

  /** The legacy envelope for a KAFKA-invoked run of {@code action}, without headers. */
  static ObjectNode envelope(String runId, String action, String type) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("action", action).put("resourceType", "run").put("status", "TRIGGERED");
    root.putObject("trigger")
        .put("origin", "UI")
        .put("at", "2026-06-01T12:00:00.000Z")
        .putObject("by")
        .put("orgId", "org_test")
        .put("userId", "user_1");
    root.putObject("context").putNull("entity").put("blueprint", "service").put("runId", runId);
    ObjectNode payload = root.putObject("payload");
    payload.putNull("entity");
    payload
        .putObject("action")
        .put("identifier", action)
        .put("trigger", "CREATE")
        .putObject("invocationMethod")
        .put("type", type);
    payload.putObject("properties").put("version", "1.2.3");
    return root;
  }

  /**
   * Signs {@code message} as Port does: sign the compact JSON (non-ASCII kept) of the message with
   * {@code "headers": {}} (plus any other headers), then add X-Port-Signature and X-Port-Timestamp.
   */
  static byte[] signed(ObjectNode message, String secret, long epochSeconds) {
    ObjectNode copy = message.deepCopy();
    if (!copy.has("headers")) {
      copy.putObject("headers");
    }
    try {
      byte[] content = MAPPER.writeValueAsBytes(copy);
      String signature = Signer.withSecret(secret).sign(epochSeconds, content);
      ((ObjectNode) copy.get("headers"))
          .put("X-Port-Signature", signature)
          .put("X-Port-Timestamp", Long.toString(epochSeconds));
      return MAPPER.writeValueAsBytes(copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a test resource as UTF-8 text. */
  static String fixture(String path) {
    try (InputStream in = PortMessages.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
