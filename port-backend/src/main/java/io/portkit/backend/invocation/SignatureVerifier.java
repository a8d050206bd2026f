package io.portkit.backend.invocation;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.portkit.backend.internal.CompactJson;
import io.portkit.backend.invocation.SignatureException.Reason;
import io.portkit.backend.invocation.Verification.SignedForm;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies that a webhook request was signed by Port with a known client secret, recently.
 *
 * <p>Checks {@code x-port-signature} ({@code v1,} + Base64 HMAC-SHA256 of {@code
 * "{timestamp}.{body}"}) over the <em>raw</em> body bytes, so call it before any JSON parsing.
 * Digests are compared in constant time. When the raw bytes do not match and the agent fallback is
 * on, it also tries the compact JSON that Port's execution agent signs (see {@link
 * Builder#agentBodyFallback(boolean)}). Then the timestamp must be within the tolerance of the
 * injected clock, in both directions.
 *
 * <pre>{@code
 * SignatureVerifier verifier = SignatureVerifier.builder().addSecret(clientSecret).build();
 * Verification proof = verifier.verify(headers, rawBody); // throws when the request is not Port's
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance. Secrets never appear in {@link #toString()} or
 * in exception messages.
 */
public final class SignatureVerifier {
  /** Default largest distance between {@code x-port-timestamp} and now, either way. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** Default nesting-depth bound of the parser used by the agent fallback. */
  public static final int DEFAULT_FALLBACK_MAX_DEPTH = 64;

  /** Default largest body, in bytes, that the agent fallback re-serializes (1 MiB). */
  public static final int DEFAULT_FALLBACK_MAX_BYTES = 1024 * 1024;

  private static final String ALGORITHM = "HmacSHA256";

  private final List<Mac> prototypes;
  private final Duration tolerance;
  private final Clock clock;
  private final CompactJson fallback;
  private final int fallbackMaxBytes;
  private final @Nullable Consumer<? super SignatureException> onRejection;

  private SignatureVerifier(Builder builder) {
    List<Mac> macs = new ArrayList<>();
    for (String secret : builder.secrets) {
      macs.add(newMac(secret));
    }
    this.prototypes = List.copyOf(macs);
    this.tolerance = builder.tolerance;
    this.clock = builder.clock;
    this.fallback = builder.agentBodyFallback ? new CompactJson(builder.fallbackMaxDepth) : null;
    this.fallbackMaxBytes = builder.fallbackMaxBytes;
    this.onRejection = null;
  }

  private SignatureVerifier(
      SignatureVerifier other,
      Duration tolerance,
      @Nullable Consumer<? super SignatureException> onRejection) {
    this.prototypes = other.prototypes;
    this.tolerance = tolerance;
    this.clock = other.clock;
    this.fallback = other.fallback;
    this.fallbackMaxBytes = other.fallbackMaxBytes;
    this.onRejection = onRejection;
  }

  /** Returns a builder; at least one secret is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a verifier with the same secrets, clock and fallback, and another tolerance: a Kafka
   * consumer takes messages that waited in the topic for days, a webhook minutes.
   *
   * @throws IllegalArgumentException if {@code tolerance} is under 1 second
   */
  public SignatureVerifier withTolerance(Duration tolerance) {
    Objects.requireNonNull(tolerance, "tolerance == null");
    if (tolerance.isNegative() || tolerance.getSeconds() < 1) {
      throw new IllegalArgumentException(
          "tolerance must be at least 1 second, got " + tolerance + ": Port signs whole seconds");
    }
    return new SignatureVerifier(this, tolerance, onRejection);
  }

  /**
   * Returns a verifier like this one that also hands each rejection to {@code listener} before
   * throwing it (for metrics: {@code PortBackend} counts them by reason); {@link
   * #withTolerance(Duration)} keeps it. What the listener throws is ignored.
   */
  public SignatureVerifier withRejectionListener(Consumer<? super SignatureException> listener) {
    return new SignatureVerifier(
        this, tolerance, Objects.requireNonNull(listener, "listener == null"));
  }

  /**
   * Verifies a request given its headers (names matched ignoring case) and raw body. Several {@code
   * x-port-signature} headers count as one space-separated list; a repeated {@code
   * x-port-timestamp} is {@link Reason#MALFORMED_TIMESTAMP}.
   *
   * @return when the request was signed and which serialization of the body matched
   * @throws SignatureException if the request must be rejected; see its reason
   */
  public Verification verify(RequestHeaders headers, byte[] body) {
    Objects.requireNonNull(headers, "headers == null");
    try {
      List<String> timestamps = headers.all(PortHeaders.TIMESTAMP);
      if (timestamps.size() > 1) {
        // Two timestamps make the signed text ambiguous; a proxy may have added one.
        throw new SignatureException(
            Reason.MALFORMED_TIMESTAMP,
            "x-port-timestamp appears "
                + timestamps.size()
                + " times: Port sends exactly one; check for a proxy that adds another");
      }
      List<String> signatures = headers.all(PortHeaders.SIGNATURE);
      return check(
          headers.first(PortHeaders.TIMESTAMP).orElse(null),
          signatures.isEmpty() ? null : String.join(" ", signatures),
          body);
    } catch (SignatureException e) {
      throw rejected(e);
    }
  }

  /**
   * Verifies a request given the two header values and the raw body.
   *
   * @param timestamp the {@code x-port-timestamp} value, or null if absent
   * @param signature the {@code x-port-signature} value, or null if absent
   * @param body the raw request body, exactly as received
   * @return when the request was signed and which serialization of the body matched
   * @throws SignatureException if the request must be rejected; see its reason
   */
  public Verification verify(@Nullable String timestamp, @Nullable String signature, byte[] body) {
    try {
      return check(timestamp, signature, body);
    } catch (SignatureException e) {
      throw rejected(e);
    }
  }

  private SignatureException rejected(SignatureException e) {
    if (onRejection != null) {
      try {
        onRejection.accept(e);
      } catch (RuntimeException ignored) {
        // A listener never changes the answer.
      }
    }
    return e;
  }

  private Verification check(@Nullable String timestamp, @Nullable String signature, byte[] body) {
    Objects.requireNonNull(body, "body == null");
    requireHeader(PortHeaders.TIMESTAMP, timestamp);
    requireHeader(PortHeaders.SIGNATURE, signature);
    String ts = timestamp.strip();
    Instant signedAt = parseTimestamp(ts);
    List<byte[]> candidates = SignatureHeader.v1Signatures(signature);
    SignedForm form = match(ts, body, candidates);
    checkTolerance(signedAt);
    return new Verification(signedAt, form);
  }

  private SignedForm match(String ts, byte[] body, List<byte[]> candidates) {
    byte[] prefix = (ts + ".").getBytes(UTF_8);
    if (matches(prefix, body, candidates)) {
      return SignedForm.RAW;
    }
    if (fallback != null && body.length <= fallbackMaxBytes) {
      try {
        byte[] ascii = fallback.compact(body, true);
        if (matches(prefix, ascii, candidates)) {
          return SignedForm.COMPACT_ASCII;
        }
        byte[] utf8 = fallback.compact(body, false);
        if (!MessageDigest.isEqual(ascii, utf8) && matches(prefix, utf8, candidates)) {
          return SignedForm.COMPACT_UTF8;
        }
      } catch (IOException | RuntimeException e) {
        // Not JSON (or beyond the bounds): there is no other form to try; the raw miss stands.
      }
    }
    throw new SignatureException(
        Reason.MISMATCH,
        "x-port-signature does not match the request body: check that the verifier uses this"
            + " organization's Port client secret and that nothing re-encodes the body before"
            + " verification");
  }

  private boolean matches(byte[] prefix, byte[] content, List<byte[]> candidates) {
    for (Mac prototype : prototypes) {
      Mac mac = copy(prototype);
      mac.update(prefix);
      byte[] expected = mac.doFinal(content);
      for (byte[] candidate : candidates) {
        if (MessageDigest.isEqual(expected, candidate)) {
          return true;
        }
      }
    }
    return false;
  }

  private void checkTolerance(Instant signedAt) {
    long skew = Duration.between(clock.instant(), signedAt).getSeconds();
    if (Math.abs(skew) > tolerance.getSeconds()) {
      String direction = skew < 0 ? "in the past" : "in the future";
      throw new SignatureException(
          Reason.OUTSIDE_TOLERANCE,
          "x-port-timestamp is "
              + Math.abs(skew)
              + "s "
              + direction
              + "; tolerance is "
              + tolerance.getSeconds()
              + "s: check this server's clock (NTP), or the request is a replay");
    }
  }

  private static Instant parseTimestamp(String ts) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(ts));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw new SignatureException(
          Reason.MALFORMED_TIMESTAMP,
          "x-port-timestamp must be whole epoch seconds, got '"
              + SignatureHeader.shorten(ts)
              + "'");
    }
  }

  private static void requireHeader(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new SignatureException(
          Reason.MISSING_HEADER,
          "missing "
              + name
              + " header: the request was not signed by Port, or a proxy removed the header");
    }
  }

  private static Mac newMac(String secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static Mac copy(Mac prototype) {
    try {
      // Cloning a keyed Mac skips the provider lookup and key schedule on every request.
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JVM's HmacSHA256 cannot be cloned", e);
    }
  }

  @Override
  public String toString() {
    return "SignatureVerifier[secrets="
        + prototypes.size()
        + ", tolerance="
        + tolerance
        + ", agentBodyFallback="
        + (fallback != null)
        + "]";
  }

  /** Configures a {@link SignatureVerifier}. Not thread-safe; build once and share the result. */
  public static final class Builder {
    private final List<String> secrets = new ArrayList<>();
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();
    private boolean agentBodyFallback = true;
    private int fallbackMaxDepth = DEFAULT_FALLBACK_MAX_DEPTH;
    private int fallbackMaxBytes = DEFAULT_FALLBACK_MAX_BYTES;

    private Builder() {}

    /**
     * Adds a Port client secret (used as UTF-8). Add the old and the new secret while rotating; a
     * request signed with either is accepted.
     *
     * @throws IllegalArgumentException if {@code secret} is empty
     */
    public Builder addSecret(String secret) {
      Objects.requireNonNull(secret, "secret == null");
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("secret is empty: pass the Port client secret");
      }
      secrets.add(secret);
      return this;
    }

    /** Sets how far {@code x-port-timestamp} may be from now, either way; default 5 minutes. */
    public Builder tolerance(Duration tolerance) {
      Objects.requireNonNull(tolerance, "tolerance == null");
      if (tolerance.isNegative() || tolerance.getSeconds() < 1) {
        throw new IllegalArgumentException(
            "tolerance must be at least 1 second, got " + tolerance + ": Port signs whole seconds");
      }
      this.tolerance = tolerance;
      return this;
    }

    /** Sets the clock that defines "now"; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Whether to also accept a signature over the compact JSON re-serialization of the body, as
     * Port's execution agent signs it while sending spaced JSON. On by default. The check is still
     * an HMAC with the same secret over the same JSON value; what it gives up is byte-exactness of
     * insignificant whitespace and string escapes.
     */
    public Builder agentBodyFallback(boolean enabled) {
      this.agentBodyFallback = enabled;
      return this;
    }

    /** Sets the deepest nesting the fallback parser accepts; default 64. */
    public Builder fallbackMaxDepth(int maxDepth) {
      if (maxDepth < 1) {
        throw new IllegalArgumentException("fallbackMaxDepth must be at least 1, got " + maxDepth);
      }
      this.fallbackMaxDepth = maxDepth;
      return this;
    }

    /**
     * Sets the largest body, in bytes, the fallback re-serializes; larger bodies only match raw.
     */
    public Builder fallbackMaxBytes(int maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("fallbackMaxBytes must be at least 1, got " + maxBytes);
      }
      this.fallbackMaxBytes = maxBytes;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException if no secret was added
     */
    public SignatureVerifier build() {
      if (secrets.isEmpty()) {
        throw new IllegalStateException(
            "no secret: call addSecret(clientSecret) with the Port client secret");
      }
      return new SignatureVerifier(this);
    }
  }
}
