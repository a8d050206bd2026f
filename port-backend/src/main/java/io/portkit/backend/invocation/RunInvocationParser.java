package io.portkit.backend.invocation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.invocation.RunInvocation.BodyFormat;
import io.portkit.backend.invocation.RunInvocation.Parsed;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a verified webhook body into a {@link RunInvocation}, whatever the action's {@code
 * invocationMethod.body} template made of it.
 *
 * <p>Recognises three shapes (see {@link BodyFormat}): the legacy envelope, portkit's recommended
 * template ({@code io.portkit.client.catalog.InvocationMethod.recommendedBody()}), and a minimal
 * body carrying only the run id. The run id is taken from the first of {@link #RUN_ID_PLACES} that
 * holds one. Decimals parse as exact {@code BigDecimal}s. A body with the same key twice in one
 * object is refused (ADR 0135): two parsers could read it as two different runs.
 *
 * <p>Immutable and thread-safe; share one instance.
 */
public final class RunInvocationParser {
  /** Where the run id is looked for, in order. */
  public static final List<String> RUN_ID_PLACES =
      List.of(
          "body port_context.runId",
          "body context.runId",
          "body runId",
          "body run_id",
          "header " + PortHeaders.RUN_ID);

  /** Deepest JSON nesting accepted in a body. */
  public static final int MAX_DEPTH = 64;

  /** Longest run id accepted; Port's are 18 characters. */
  public static final int MAX_RUN_ID_LENGTH = 256;

  private static final Set<String> RUN_ID_KEYS = Set.of("port_context", "runId", "run_id");

  private final ObjectMapper mapper;

  /**
   * Creates a parser with exact decimals, a nesting bound of {@link #MAX_DEPTH} and no duplicate
   * keys.
   */
  public RunInvocationParser() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            // {"runId":"r_a","runId":"r_b"} is r_b to Jackson and r_a to other parsers (a proxy,
            // an audit log): refuse it rather than pick one. Checked as the tree is built (the
            // map's put returns the value it replaced), which costs nothing, unlike the
            // streaming parser's STRICT_DUPLICATE_DETECTION and its set of names per object.
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
  }

  /**
   * Parses {@code body}; an empty body counts as {@code {}}.
   *
   * @throws PayloadException if the body is not well-formed UTF-8 JSON within the parser's bounds,
   *     or no run id of the accepted shape ({@link #MAX_RUN_ID_LENGTH}) is found
   */
  public RunInvocation parse(RequestHeaders headers, byte[] body) {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    JsonNode root = readTree(body);
    String runId = findRunId(root, headers);
    return new RunInvocation(extract(root, runId), headers, root, null);
  }

  private JsonNode readTree(byte[] body) {
    if (body.length == 0) {
      return mapper.createObjectNode();
    }
    int invalid = Utf8.firstInvalid(body);
    if (invalid >= 0) {
      throw new PayloadException(
          "body is not valid UTF-8 JSON (byte "
              + invalid
              + "): Port sends UTF-8; check that nothing re-encodes the body");
    }
    try {
      return mapper.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new PayloadException(
          "body exceeds a JSON parser bound: "
              + shorten(e.getOriginalMessage())
              + "; Port bodies are small and shallow, check the action's invocationMethod.body");
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String duplicate = duplicateKeyOf(e);
      if (duplicate != null) {
        throw new PayloadException(
            "body has the key "
                + duplicate
                + " twice in one object"
                + where
                + ": a run must be unambiguous, so send each key once (check the action's"
                + " invocationMethod.body template)");
      }
      throw new PayloadException(
          "body is not valid JSON"
              + where
              + ": check the action's invocationMethod.body template renders a JSON object");
    } catch (IOException e) {
      throw new PayloadException("body could not be read as JSON: " + e.getClass().getSimpleName());
    }
  }

  private static String findRunId(JsonNode root, RequestHeaders headers) {
    Optional<String> id =
        text(root.path("port_context").path("runId"))
            .or(() -> text(root.path("context").path("runId")))
            .or(() -> text(root.path("runId")))
            .or(() -> text(root.path("run_id")))
            .or(() -> headers.first(PortHeaders.RUN_ID).filter(s -> !s.isBlank()));
    String runId =
        id.orElseThrow(
            () ->
                new PayloadException(
                    "no run id in the webhook; looked at "
                        + String.join(", ", RUN_ID_PLACES)
                        + ": add \"port_context\": {\"runId\": \"{{ .run.id }}\"} to the action's"
                        + " invocationMethod.body"));
    if (!hasRunIdShape(runId)) {
      throw new PayloadException(
          "the run id must be 1 to "
              + MAX_RUN_ID_LENGTH
              + " characters of letters, digits, '.', '_', ':' or '-' (Port's look like"
              + " r_QOz6WoOB1Q2lmhZZ), got "
              + runId.length()
              + " characters: check the action's invocationMethod template");
    }
    return runId;
  }

  /** {@code [A-Za-z0-9._:-]{1,MAX_RUN_ID_LENGTH}}, checked by hand: it runs on every delivery. */
  static boolean hasRunIdShape(String id) {
    int n = id.length();
    if (n < 1 || n > MAX_RUN_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Parsed extract(JsonNode root, String runId) {
    if (root.has("resourceType")
        || (root.path("context").isObject() && root.path("payload").isObject())) {
      return legacy(root, runId);
    }
    JsonNode ctx = root.path("port_context");
    if (ctx.has("action")
        || ctx.has("trigger")
        || root.path("inputs").isObject()
        || root.path("event").isObject()) {
      return recommended(root, ctx, runId);
    }
    return minimal(root, runId);
  }

  private static Parsed legacy(JsonNode root, String runId) {
    JsonNode context = root.path("context");
    JsonNode payload = root.path("payload");
    JsonNode action = root.path("action");
    String actionId =
        text(action).or(() -> text(payload.path("action").path("identifier"))).orElse(null);
    JsonNode trigger = root.path("trigger");
    String operation = text(payload.path("action").path("trigger")).orElse(null);
    return new Parsed(
        runId,
        BodyFormat.LEGACY,
        actionId,
        text(context.path("blueprint")).orElse(null),
        text(context.path("entity"))
            .or(() -> text(payload.path("entity").path("identifier")))
            .orElse(null),
        nonEmptyObject(payload.path("entity")),
        objectOrEmpty(payload.path("properties")),
        trigger.isObject() ? new RunTrigger(trigger, operation) : null,
        strings(payload.path("action").path("encryptedProperties")),
        eventOf(root));
  }

  private static Parsed recommended(JsonNode root, JsonNode ctx, String runId) {
    JsonNode trigger = ctx.path("trigger").isObject() ? ctx.path("trigger") : root.path("trigger");
    ObjectNode entity = nonEmptyObject(root.path("entity"));
    return new Parsed(
        runId,
        BodyFormat.RECOMMENDED,
        text(ctx.path("action")).orElse(null),
        text(ctx.path("blueprint")).orElse(null),
        text(ctx.path("entity"))
            .or(() -> text(root.path("entity").path("identifier")))
            .orElse(null),
        entity,
        objectOrEmpty(root.path("inputs")),
        trigger.isObject() ? new RunTrigger(trigger, null) : null,
        strings(ctx.path("encryptedProperties")),
        eventOf(root));
  }

  private static Parsed minimal(JsonNode root, String runId) {
    // Port's default template spreads the inputs into the root beside port_context.
    ObjectNode inputs = JsonNodeFactory.instance.objectNode();
    if (root.isObject()) {
      for (var e : root.properties()) {
        if (!RUN_ID_KEYS.contains(e.getKey())) {
          inputs.set(e.getKey(), e.getValue());
        }
      }
    }
    return new Parsed(
        runId, BodyFormat.MINIMAL, null, null, null, null, inputs, null, List.of(), eventOf(root));
  }

  private static JsonNode eventOf(JsonNode root) {
    JsonNode event = root.path("event");
    return event.isObject() ? event : null;
  }

  private static List<String> strings(JsonNode array) {
    if (!array.isArray()) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode item : array) {
      if (item.isTextual() && !item.textValue().isBlank()) {
        out.add(item.textValue());
      }
    }
    return out;
  }

  private static ObjectNode nonEmptyObject(JsonNode node) {
    return node.isObject() && !node.isEmpty() ? (ObjectNode) node : null;
  }

  private static ObjectNode objectOrEmpty(JsonNode node) {
    return node.isObject() ? (ObjectNode) node : JsonNodeFactory.instance.objectNode();
  }

  /**
   * Returns the key of a duplicate-key error, quoted, shortened and printable (for example {@code
   * 'runId'}), or null when {@code e} is another error. For transports that parse with their own
   * mapper and {@code STRICT_DUPLICATE_DETECTION}.
   */
  public static @Nullable String duplicateKeyOf(JsonProcessingException e) {
    // Jackson says `Duplicate field 'name' for `ObjectNode`...` when it builds a tree, and
    // `Duplicate Object property "name"` from a streaming parser's strict detection.
    String message = e.getOriginalMessage();
    if (message == null || !message.startsWith("Duplicate")) {
      return null;
    }
    int open = indexOfQuote(message, 0);
    int close = open < 0 ? -1 : indexOfQuote(message, open + 1);
    String key = close < 0 ? "?" : message.substring(open + 1, close);
    String shown = key.length() <= 60 ? key : key.substring(0, 60) + "...";
    return "'" + shown.replaceAll("[^\\x20-\\x7E]", "?") + "'";
  }

  private static int indexOfQuote(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
        return i;
      }
    }
    return -1;
  }

  private static String shorten(String s) {
    return s == null || s.length() <= 160 ? String.valueOf(s) : s.substring(0, 160) + "...";
  }

  /** Returns the node's text when it is a non-blank string. */
  static Optional<String> text(JsonNode node) {
    return node != null && node.isTextual() && !node.asText().isBlank()
        ? Optional.of(node.asText())
        : Optional.empty();
  }
}
