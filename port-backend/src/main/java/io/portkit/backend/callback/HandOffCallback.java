package io.portkit.backend.callback;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.portkit.backend.callback.CallbackResult.Kind;
import io.portkit.backend.dispatch.Completion;
import io.portkit.backend.dispatch.HandOffs;
import io.portkit.backend.invocation.RequestHeaders;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A callback another system sends when work a handler handed off ends: verified with its own {@link
 * CallbackVerifier} (not Port's signature), read by a {@link CallbackMapper}, and applied to the
 * backend's {@link HandOffs}. Host it on a path of the receiver:
 *
 * <pre>{@code
 * HandOffCallback ci = HandOffCallback.builder("ci")
 *     .verifier(CallbackVerifier.builder().signatureHeader("X-Hub-Signature-256")
 *         .prefix("sha256=").secret(System.getenv("CI_CALLBACK_SECRET")).build())
 *     .mapper(body -> Optional.of(CallbackCompletion.ofExternalId(body.path("job").asText(),
 *         body.path("passed").asBoolean()
 *             ? HandOffResult.success("passed") : HandOffResult.failure("failed"))))
 *     .build();
 * WebhookReceiver.builder().backend(backend).callback("/callbacks/ci", ci).port(8080).start();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Logs one line per callback (name, id, what happened); never the
 * secret, the signature or the body.
 */
public final class HandOffCallback {
  private static final Logger log = LoggerFactory.getLogger(HandOffCallback.class);

  /** Deepest JSON nesting read in a callback body. */
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final String name;
  private final CallbackVerifier verifier;
  private final CallbackMapper mapper;

  private HandOffCallback(Builder b) {
    this.name = b.name;
    this.verifier = b.verifier;
    this.mapper = b.mapper;
  }

  /** Returns a builder for the callback called {@code name} in logs (for example {@code ci}). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Returns the name used in logs. */
  public String name() {
    return name;
  }

  /** Returns the verifier. */
  public CallbackVerifier verifier() {
    return verifier;
  }

  /**
   * Verifies, reads and applies one callback: the raw {@code body} as received, before any parse.
   * Never throws for a bad request; the result says what happened.
   */
  public CallbackResult receive(HandOffs handOffs, RequestHeaders headers, byte[] body) {
    Objects.requireNonNull(handOffs, "handOffs == null");
    try {
      verifier.verify(headers, body);
    } catch (CallbackVerificationException e) {
      log.warn("callback {} refused: {} ({})", name, e.reason(), e.getMessage());
      return new CallbackResult(Kind.REFUSED, null, e.getMessage());
    }
    Optional<CallbackCompletion> read;
    try {
      read = Objects.requireNonNull(mapper.map(parse(body)), "the mapper returned null");
    } catch (IOException e) {
      return bad("the callback body is not JSON");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return bad("interrupted while reading the callback");
    } catch (Exception e) { // the mapper's own failure
      return bad(
          "the callback body does not say which run ended and how: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    if (read.isEmpty()) {
      log.info("callback {}: verified, completes no run", name);
      return new CallbackResult(Kind.IGNORED, null, "verified; this callback completes no run");
    }
    CallbackCompletion c = read.get();
    Completion done =
        c.byRunId()
            ? handOffs.completeRun(c.id(), c.result())
            : handOffs.complete(c.id(), c.result());
    log.info("callback {} for {}: {}", name, c.id(), done.kind());
    return new CallbackResult(Kind.ANSWERED, done, done.message());
  }

  private CallbackResult bad(String message) {
    log.warn("callback {}: {}", name, message);
    return new CallbackResult(Kind.BAD_BODY, null, message);
  }

  private static JsonNode parse(byte[] body) throws IOException {
    JsonNode node = MAPPER.readTree(body);
    if (node == null || node.isMissingNode()) {
      throw new IOException("empty body");
    }
    return node;
  }

  @Override
  public String toString() {
    return "HandOffCallback[" + name + ", " + verifier + "]";
  }

  /** Configures a {@link HandOffCallback}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private CallbackVerifier verifier;
    private CallbackMapper mapper;

    private Builder(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name is blank");
      }
      this.name = name;
    }

    /** Sets how requests are verified. Required. */
    public Builder verifier(CallbackVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier == null");
      return this;
    }

    /** Sets how a verified body becomes a completion. Required. */
    public Builder mapper(CallbackMapper mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper == null");
      return this;
    }

    /**
     * Builds the callback.
     *
     * @throws IllegalStateException without a verifier or a mapper
     */
    public HandOffCallback build() {
      if (verifier == null) {
        throw new IllegalStateException("verifier required: call verifier(CallbackVerifier...)");
      }
      if (mapper == null) {
        throw new IllegalStateException("mapper required: call mapper(body -> ...)");
      }
      return new HandOffCallback(this);
    }
  }
}
