package io.portkit.client.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.internal.JsonNodes;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How Port invokes an action's backend: the {@code invocationMethod} of an action or automation.
 * One value serves both directions: read from Port ({@link #fromJson}, {@link Action}) and written
 * to it ({@link #webhook(URI)} gives the one portkit recommends, printed by {@code serve} and the
 * tunnel, used by the test kit's emulator and the docs).
 *
 * <p>The recommended webhook body carries everything a handler needs, so no webhook needs a Port
 * API call before it is acknowledged. Each {@code "{{ ... }}"} is a jq expression over Port's
 * trigger data; a value that is a whole expression renders as a JSON value, so {@code .trigger},
 * {@code .inputs} and {@code .entity} arrive as objects:
 *
 * <pre>{@code
 * {
 *   "port_context": {
 *     "runId": "{{ .run.id }}",
 *     "action": "{{ .action.identifier }}",
 *     "blueprint": "{{ .action.blueprint }}",
 *     "entity": "{{ .entity.identifier }}",
 *     "trigger": "{{ .trigger }}"
 *   },
 *   "inputs": "{{ .inputs }}",
 *   "entity": "{{ .entity }}"
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; every accessor that returns JSON returns a copy.
 */
public final class InvocationMethod {
  /** The type of a webhook invocation. */
  public static final String WEBHOOK = "WEBHOOK";

  /** The type of a Kafka invocation (the organization's {@code ORG_ID.runs} topic). */
  public static final String KAFKA = "KAFKA";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final ObjectNode json;

  private InvocationMethod(ObjectNode json) {
    this.json = json;
  }

  /**
   * Returns portkit's recommended asynchronous webhook invocation of {@code url}: {@code POST}, not
   * through Port's agent, the run id in a {@code RUN_ID} header, and {@link #recommendedBody()}.
   *
   * @param url the receiver's public URL, absolute with a host, for example {@code
   *     https://example.ngrok-free.app/}
   * @throws IllegalArgumentException if {@code url} is not absolute or has no host
   */
  public static InvocationMethod webhook(URI url) {
    return webhook(url, recommendedBody());
  }

  /**
   * Returns an asynchronous webhook invocation of {@code url} with your own body template.
   *
   * @param body a JSON object or array (Port's {@code invocationMethod.body}); copied
   * @throws IllegalArgumentException if {@code url} is not absolute with a host, or {@code body} is
   *     neither an object nor an array
   */
  public static InvocationMethod webhook(URI url, JsonNode body) {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(body, "body == null");
    if (!url.isAbsolute() || url.getHost() == null) {
      throw new IllegalArgumentException(
          "url must be absolute with a host, for example https://example.ngrok-free.app/: " + url);
    }
    if (!body.isObject() && !body.isArray()) {
      throw new IllegalArgumentException(
          "body must be a JSON object or array (Port's invocationMethod.body), got "
              + body.getNodeType());
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", WEBHOOK);
    node.put("url", url.toString());
    node.put("agent", false);
    node.put("synchronized", false);
    node.put("method", "POST");
    node.putObject("headers").put("RUN_ID", "{{ .run.id }}");
    node.set("body", body.deepCopy());
    return new InvocationMethod(node);
  }

  /**
   * Returns the Kafka invocation: Port publishes each run to the organization's {@code ORG_ID.runs}
   * topic, with the recommended body as the payload.
   */
  public static InvocationMethod kafka() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", KAFKA);
    node.set("payload", recommendedBody());
    return new InvocationMethod(node);
  }

  /**
   * Reads an {@code invocationMethod} object as Port sends it; {@code true} and {@code "true"} both
   * count for the flags.
   *
   * @throws IllegalArgumentException if {@code node} is not a JSON object
   */
  public static InvocationMethod fromJson(JsonNode node) {
    Objects.requireNonNull(node, "node == null");
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "an invocationMethod is a JSON object, got " + node.getNodeType());
    }
    return new InvocationMethod(((ObjectNode) node).deepCopy());
  }

  /** Returns the recommended webhook body template; a new copy each call. */
  public static ObjectNode recommendedBody() {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode context = body.putObject("port_context");
    context.put("runId", "{{ .run.id }}");
    context.put("action", "{{ .action.identifier }}");
    context.put("blueprint", "{{ .action.blueprint }}");
    context.put("entity", "{{ .entity.identifier }}");
    context.put("trigger", "{{ .trigger }}");
    body.put("inputs", "{{ .inputs }}");
    body.put("entity", "{{ .entity }}");
    return body;
  }

  /**
   * Returns a copy whose {@code synchronized} flag is {@code synchronous}: Port then sets the run's
   * status from the webhook's HTTP answer and refuses a status sent through the API.
   */
  public InvocationMethod synchronous(boolean synchronous) {
    ObjectNode copy = json.deepCopy();
    copy.put("synchronized", synchronous);
    return new InvocationMethod(copy);
  }

  /** Returns {@code WEBHOOK}, {@code KAFKA}, {@code GITHUB}, ... upper case, or null if absent. */
  public @Nullable String type() {
    String type = JsonNodes.text(json, "type");
    return type == null ? null : type.toUpperCase(Locale.ROOT);
  }

  /** Returns the webhook URL, or null for other types. */
  public @Nullable String url() {
    return JsonNodes.text(json, "url");
  }

  /** Returns the webhook HTTP method, or null when absent (Port's default is POST). */
  public @Nullable String method() {
    return JsonNodes.text(json, "method");
  }

  /** Returns whether Port's execution agent makes the call. */
  public boolean agent() {
    return JsonNodes.bool(json, "agent");
  }

  /**
   * Returns whether Port sets the run status from the webhook's HTTP answer (JSON field {@code
   * synchronized}).
   */
  public boolean synchronous() {
    return JsonNodes.bool(json, "synchronized");
  }

  /** Returns the body template (a webhook's {@code body}, Kafka's {@code payload}), or null. */
  public @Nullable JsonNode body() {
    JsonNode body = json.has("body") ? json.get("body") : json.get("payload");
    return body == null ? null : body.deepCopy();
  }

  /** Returns the complete JSON, as Port stores it; a copy. */
  public ObjectNode toJsonNode() {
    return json.deepCopy();
  }

  /** Returns the complete JSON, indented, ready to paste into an action's definition. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      // A tree read from JSON or built from strings and booleans always serialises.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns what to tell a person setting the action up: where Port can reach the backend and the
   * JSON to paste as the action's {@code invocationMethod}.
   */
  public String instructions() {
    String where = url() == null ? "" : "Port can reach this backend at " + url() + "\n";
    return where
        + "Paste this as the action's \"invocationMethod\" (Self-service > action > Edit JSON):\n"
        + toJson();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof InvocationMethod other && other.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** Returns the type and URL; the body template is left out. */
  @Override
  public String toString() {
    return "InvocationMethod[type="
        + type()
        + (url() == null ? "" : ", url=" + url())
        + ", synchronized="
        + synchronous()
        + "]";
  }
}
