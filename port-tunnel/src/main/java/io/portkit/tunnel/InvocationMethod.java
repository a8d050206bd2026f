package io.portkit.tunnel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code invocationMethod} JSON to paste into a Port action so that Port calls this backend.
 *
 * <pre>{@code
 * InvocationMethod.of(tunnel.publicUrl().resolve("/webhook")).logInstructions();
 * }</pre>
 *
 * <p>It is a {@code WEBHOOK} call, not through Port's agent, asynchronous, {@code POST}, with the
 * header {@code RUN_ID: {{ .run.id }}} and a body template. The default body spreads the action's
 * inputs into the root and adds {@code port_context.runId}; pass your own with {@link #of(URI,
 * JsonNode)} (for example the template recommended by port-webhook).
 *
 * <p>Immutable and thread-safe.
 */
public final class InvocationMethod {
  private static final Logger log = LoggerFactory.getLogger(InvocationMethod.class);
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final URI url;
  private final JsonNode body;

  private InvocationMethod(URI url, JsonNode body) {
    this.url = url;
    this.body = body.deepCopy();
  }

  /** Returns the invocation method for {@code url} with {@link #defaultBody()}. */
  public static InvocationMethod of(URI url) {
    return of(url, defaultBody());
  }

  /**
   * Returns the invocation method for {@code url} with {@code body} as the body template.
   *
   * @param url the absolute URL Port calls; a {@code {{ .secrets.NAME }}} template is not accepted
   *     here because it cannot be validated
   * @param body the body template, a JSON object or array (copied)
   * @throws IllegalArgumentException if {@code url} is not absolute or {@code body} is not a JSON
   *     object or array
   */
  public static InvocationMethod of(URI url, JsonNode body) {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(body, "body == null");
    if (!url.isAbsolute() || url.getHost() == null) {
      throw new IllegalArgumentException(
          "url must be absolute with a host, for example https://example.ngrok-free.app/webhook: "
              + url);
    }
    if (!body.isObject() && !body.isArray()) {
      throw new IllegalArgumentException(
          "body must be a JSON object or array (Port's invocationMethod.body), got: "
              + body.getNodeType());
    }
    return new InvocationMethod(url, body);
  }

  /**
   * Like {@link #of(URI, JsonNode)}, with the body template given as JSON text.
   *
   * @throws IllegalArgumentException if {@code bodyJson} is not valid JSON, or not an object or
   *     array
   */
  public static InvocationMethod of(URI url, String bodyJson) {
    Objects.requireNonNull(bodyJson, "bodyJson == null");
    JsonNode body;
    try {
      body = MAPPER.readTree(bodyJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "bodyJson is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return of(url, body);
  }

  /**
   * Returns the default body template: {@code {"{{ spreadValue() }}": "{{ .inputs }}",
   * "port_context": {"runId": "{{ .run.id }}"}}}. A new copy on each call.
   */
  public static ObjectNode defaultBody() {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("{{ spreadValue() }}", "{{ .inputs }}");
    body.putObject("port_context").put("runId", "{{ .run.id }}");
    return body;
  }

  /** Returns the URL Port calls. */
  public URI url() {
    return url;
  }

  /** Returns a copy of the body template. */
  public JsonNode body() {
    return body.deepCopy();
  }

  /** Returns the invocation method as a JSON object, a new copy on each call. */
  public ObjectNode toJsonNode() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", "WEBHOOK");
    node.put("url", url.toString());
    node.put("agent", false);
    node.put("synchronized", false);
    node.put("method", "POST");
    node.putObject("headers").put("RUN_ID", "{{ .run.id }}");
    node.set("body", body.deepCopy());
    return node;
  }

  /** Returns the invocation method as indented JSON, ready to paste into the action's JSON. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(toJsonNode());
    } catch (JsonProcessingException e) {
      // A tree of strings and booleans always serialises; reaching this is a Jackson bug.
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the text telling a person where Port reaches the backend and what to paste. */
  public String instructions() {
    return "Port can reach this backend at "
        + url
        + System.lineSeparator()
        + "Paste this as the action's \"invocationMethod\" (Self-service > action > Edit JSON):"
        + System.lineSeparator()
        + toJson();
  }

  /** Logs {@link #instructions()} at INFO through slf4j and returns them. */
  public String logInstructions() {
    String text = instructions();
    log.info("{}", text);
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InvocationMethod
        && ((InvocationMethod) o).url.equals(url)
        && ((InvocationMethod) o).body.equals(body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, body);
  }

  @Override
  public String toString() {
    return "InvocationMethod[url=" + url + "]";
  }
}
