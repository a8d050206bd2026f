package io.portkit.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.invocation.PayloadException;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocationParser;
import io.portkit.backend.invocation.SignatureException;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.kafka.RunMessage.SkipReason;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Verifies and parses one message from {@code ORG_ID.runs}, the way Port's execution agent does:
 * the signature travels inside the message, in {@code headers["X-Port-Signature"]} and {@code
 * headers["X-Port-Timestamp"]}; those two keys are deleted (the {@code headers} object stays, even
 * when it becomes {@code {}}) and the compact JSON of the rest, non-ASCII kept as UTF-8, is what
 * was signed. The signature is compared including its {@code v1,} prefix.
 *
 * <p>Then it drops what is not addressed to a Kafka consumer: a message whose {@code resourceType}
 * is not {@code run} (the change log), or whose {@code payload.action.invocationMethod.type} is not
 * one of {@link #invocationTypes()} (default {@code KAFKA}; webhooks flagged {@code agent: true}
 * belong to Port's agent). A message that names no type is taken (ADR 0141).
 *
 * <p>Immutable and thread-safe. Never throws for a bad message: it returns {@link
 * RunMessage.Skipped} with a reason and a detail that is safe to log (no secret, no signature).
 */
public final class RunMessageReader {
  /**
   * Default tolerance for {@code X-Port-Timestamp}: 7 days, Kafka's default retention, because a
   * message legitimately waits in the topic while every consumer is down (ADR 0141).
   */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofDays(7);

  /**
   * Default largest message read, in bytes: 1 MiB, as the webhook body limit and Kafka's own
   * default {@code message.max.bytes}; Port's run messages are a few KB.
   */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

  /** Default accepted invocation types. */
  public static final Set<String> DEFAULT_INVOCATION_TYPES = Set.of("KAFKA");

  static final String SIGNATURE_KEY = "X-Port-Signature";
  static final String TIMESTAMP_KEY = "X-Port-Timestamp";

  private final SignatureVerifier verifier;
  private final Set<String> invocationTypes;
  private final int maxMessageBytes;
  private final RunInvocationParser parser = new RunInvocationParser();
  private final ObjectMapper mapper =
      JsonMapper.builder()
          // A key given twice is read one way here and maybe another by other consumers of the
          // topic: such a message is malformed (ADR 0135).
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private RunMessageReader(Builder b) {
    this.verifier =
        b.verifier != null
            ? b.verifier.withTolerance(b.tolerance)
            : SignatureVerifier.builder()
                .addSecret(b.secret)
                .tolerance(b.tolerance)
                .clock(b.clock)
                .build();
    this.invocationTypes = Set.copyOf(b.invocationTypes);
    this.maxMessageBytes = b.maxMessageBytes;
  }

  /** Returns a builder; the client secret is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the invocation types taken, upper case. */
  public Set<String> invocationTypes() {
    return invocationTypes;
  }

  /**
   * Verifies and parses one message value.
   *
   * @param value the Kafka record value, UTF-8 JSON; null counts as malformed
   * @return the run, or why it is skipped; never null
   */
  public RunMessage read(byte[] value) {
    if (value == null || value.length == 0) {
      return new RunMessage.Skipped(SkipReason.MALFORMED, "empty message: not a Port run");
    }
    if (value.length > maxMessageBytes) {
      return new RunMessage.Skipped(
          SkipReason.MALFORMED,
          "message is "
              + value.length
              + " bytes, over the limit of "
              + maxMessageBytes
              + ": not a Port run (raise maxMessageBytes if yours are that large)");
    }
    ObjectNode root;
    try {
      JsonNode tree = mapper.readTree(value);
      if (!(tree instanceof ObjectNode)) {
        return new RunMessage.Skipped(
            SkipReason.MALFORMED, "message is JSON " + tree.getNodeType() + ", not an object");
      }
      root = (ObjectNode) tree;
    } catch (JsonProcessingException e) {
      String duplicate = RunInvocationParser.duplicateKeyOf(e);
      return new RunMessage.Skipped(
          SkipReason.MALFORMED,
          duplicate == null
              ? "message is not valid JSON"
              : "message has the key " + duplicate + " twice in one object: not a Port run");
    } catch (java.io.IOException e) {
      return new RunMessage.Skipped(SkipReason.MALFORMED, "message could not be read as JSON");
    }
    String type =
        root.path("payload").path("action").path("invocationMethod").path("type").asText("");
    RunMessage.Skipped unsigned = verify(root, type);
    if (unsigned != null) {
      return unsigned;
    }
    String resourceType = root.path("resourceType").asText("run");
    if (!"run".equals(resourceType)) {
      return new RunMessage.Skipped(
          SkipReason.NOT_FOR_US, "resourceType is '" + resourceType + "', not 'run'");
    }
    if (!type.isEmpty() && !invocationTypes.contains(type.toUpperCase(Locale.ROOT))) {
      return new RunMessage.Skipped(
          SkipReason.NOT_FOR_US,
          "invocation type is "
              + type
              + (root.path("payload")
                      .path("action")
                      .path("invocationMethod")
                      .path("agent")
                      .asBoolean()
                  ? " with agent: true (for Port's execution agent)"
                  : "")
              + "; this consumer takes "
              + new TreeSet<>(invocationTypes));
    }
    return parse(root);
  }

  private RunMessage.@Nullable Skipped verify(ObjectNode root, String type) {
    JsonNode headers = root.get("headers");
    if (!(headers instanceof ObjectNode)) {
      return new RunMessage.Skipped(
          SkipReason.BAD_SIGNATURE,
          "message has no headers object with " + SIGNATURE_KEY + ": not signed by Port");
    }
    String signature = textIgnoringCase((ObjectNode) headers, SIGNATURE_KEY);
    String timestamp = textIgnoringCase((ObjectNode) headers, TIMESTAMP_KEY);
    ObjectNode signed = root.deepCopy();
    if ("GITLAB".equalsIgnoreCase(type)) {
      signed.remove("headers"); // Port's agent signs GitLab messages without the headers object.
    } else {
      ObjectNode h = (ObjectNode) signed.get("headers");
      removeIgnoringCase(h, SIGNATURE_KEY);
      removeIgnoringCase(h, TIMESTAMP_KEY);
    }
    try {
      verifier.verify(timestamp, signature, mapper.writeValueAsBytes(signed));
      return null;
    } catch (SignatureException e) {
      return new RunMessage.Skipped(
          SkipReason.BAD_SIGNATURE, e.reason() + ": " + headerNames(e.getMessage()));
    } catch (JsonProcessingException e) {
      return new RunMessage.Skipped(SkipReason.MALFORMED, "message could not be re-serialized");
    }
  }

  /** Names the keys as they appear in Kafka messages rather than as HTTP headers. */
  private static String headerNames(String message) {
    return message
        .replace("x-port-signature", SIGNATURE_KEY)
        .replace("x-port-timestamp", TIMESTAMP_KEY);
  }

  private RunMessage parse(ObjectNode root) {
    ObjectNode body = root.deepCopy();
    JsonNode headers = body.remove("headers");
    List<String> pairs = new ArrayList<>();
    if (headers != null) {
      for (Map.Entry<String, JsonNode> e : headers.properties()) {
        String name = e.getKey();
        if (e.getValue().isTextual()
            && !name.equalsIgnoreCase(SIGNATURE_KEY)
            && !name.equalsIgnoreCase(TIMESTAMP_KEY)) {
          pairs.add(name);
          pairs.add(e.getValue().asText());
        }
      }
    }
    try {
      byte[] bytes = mapper.writeValueAsBytes(body);
      return new RunMessage.Run(
          parser.parse(RequestHeaders.of(pairs.toArray(String[]::new)), bytes));
    } catch (PayloadException e) {
      return new RunMessage.Skipped(SkipReason.MALFORMED, e.getMessage());
    } catch (JsonProcessingException e) {
      return new RunMessage.Skipped(SkipReason.MALFORMED, "message could not be re-serialized");
    }
  }

  private static @Nullable String textIgnoringCase(ObjectNode node, String key) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equalsIgnoreCase(key) && e.getValue().isValueNode()) {
        return e.getValue().asText();
      }
    }
    return null;
  }

  private static void removeIgnoringCase(ObjectNode node, String key) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (name.equalsIgnoreCase(key)) {
        node.remove(name);
      }
    }
  }

  @Override
  public String toString() {
    return "RunMessageReader[invocationTypes=" + new TreeSet<>(invocationTypes) + ", secret=***]";
  }

  /** Configures a {@link RunMessageReader}. Not thread-safe; build once. */
  public static final class Builder {
    private String secret;
    private SignatureVerifier verifier;
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();
    private Set<String> invocationTypes = DEFAULT_INVOCATION_TYPES;
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

    private Builder() {}

    /** Sets the largest message read; larger ones are skipped as malformed. Default 1 MiB. */
    public Builder maxMessageBytes(int maxMessageBytes) {
      if (maxMessageBytes < 1) {
        throw new IllegalArgumentException(
            "maxMessageBytes must be positive, got " + maxMessageBytes);
      }
      this.maxMessageBytes = maxMessageBytes;
      return this;
    }

    /** Sets the Port client secret the messages are signed with (required, non-empty). */
    public Builder secret(String secret) {
      Objects.requireNonNull(secret, "secret == null");
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("secret is empty: pass the Port client secret");
      }
      this.secret = secret;
      return this;
    }

    /**
     * Verifies with the secrets of {@code verifier} (a backend's {@code verifier()}), with this
     * builder's tolerance and the verifier's clock. Use it or {@link #secret(String)}.
     */
    public Builder verifier(SignatureVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier == null");
      return this;
    }

    /** Sets how far {@code X-Port-Timestamp} may be from now, either way; default 7 days. */
    public Builder tolerance(Duration tolerance) {
      this.tolerance = Objects.requireNonNull(tolerance, "tolerance == null");
      return this;
    }

    /** Sets the clock that defines "now"; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets the invocation types taken (matched ignoring case); default {@code KAFKA}. Add {@code
     * WEBHOOK} to also execute agent-flagged webhooks in place of Port's agent.
     *
     * @throws IllegalArgumentException if {@code types} is empty
     */
    public Builder invocationTypes(Set<String> types) {
      Objects.requireNonNull(types, "types == null");
      if (types.isEmpty()) {
        throw new IllegalArgumentException(
            "invocationTypes is empty: give at least one, for example KAFKA");
      }
      Set<String> upper = new TreeSet<>();
      for (String t : types) {
        upper.add(Objects.requireNonNull(t, "invocation type == null").toUpperCase(Locale.ROOT));
      }
      this.invocationTypes = upper;
      return this;
    }

    /**
     * Builds the reader.
     *
     * @throws IllegalStateException if no secret was set
     * @throws IllegalArgumentException if the tolerance is under one second
     */
    public RunMessageReader build() {
      if (secret == null && verifier == null) {
        throw new IllegalStateException(
            "no secret: call secret(clientSecret) with the Port client secret, or verifier(...)");
      }
      return new RunMessageReader(this);
    }
  }
}
