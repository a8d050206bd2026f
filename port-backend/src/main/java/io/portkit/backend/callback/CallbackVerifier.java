package io.portkit.backend.callback;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.portkit.backend.callback.CallbackVerificationException.Reason;
import io.portkit.backend.invocation.RequestHeaders;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the HMAC-SHA256 signature another system puts on its callbacks: a header with a
 * configurable name and prefix over the raw body (or over {@code "{timestamp}.{body}"} when the
 * sender signs a timestamp), with one or more secrets, compared in constant time; and, where the
 * sender sends a timestamp, that it is within the tolerance of the clock, both ways.
 *
 * <pre>{@code
 * CallbackVerifier github = CallbackVerifier.builder()
 *     .signatureHeader("X-Hub-Signature-256").prefix("sha256=")   // hex, over the body
 *     .secret(System.getenv("CI_CALLBACK_SECRET"))
 *     .build();
 * CallbackVerifier stamped = CallbackVerifier.builder()
 *     .signatureHeader("X-Signature").encoding(CallbackVerifier.Encoding.BASE64)
 *     .timestampHeader("X-Timestamp").tolerance(Duration.ofMinutes(5))  // signs "{ts}.{body}"
 *     .secret(secret)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Secrets never appear in {@link #toString()} or in messages.
 */
public final class CallbackVerifier {
  /** Default largest distance between the signed timestamp and now, either way. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";

  /** How the digest is written in the header. */
  public enum Encoding {
    /** Lower- or upper-case hexadecimal, as GitHub's {@code X-Hub-Signature-256}. */
    HEX,
    /** Standard Base64. */
    BASE64
  }

  private final String signatureHeader;
  private final String prefix;
  private final Encoding encoding;
  private final @Nullable String timestampHeader;
  private final Duration tolerance;
  private final Clock clock;
  private final List<Mac> prototypes;

  private CallbackVerifier(Builder b) {
    this.signatureHeader = b.signatureHeader;
    this.prefix = b.prefix;
    this.encoding = b.encoding;
    this.timestampHeader = b.timestampHeader;
    this.tolerance = b.tolerance;
    this.clock = b.clock;
    List<Mac> macs = new ArrayList<>();
    b.secrets.forEach(s -> macs.add(newMac(s)));
    this.prototypes = List.copyOf(macs);
  }

  /** Returns a builder; the signature header and one secret are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the name of the signature header. */
  public String signatureHeader() {
    return signatureHeader;
  }

  /**
   * Verifies {@code body} as received against the headers.
   *
   * @throws CallbackVerificationException naming the reason when it is not provably signed, or too
   *     old or new
   */
  public void verify(RequestHeaders headers, byte[] body) {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    String header = headers.first(signatureHeader).map(String::strip).orElse("");
    if (header.isEmpty()) {
      throw new CallbackVerificationException(
          Reason.MISSING_SIGNATURE, "no " + signatureHeader + " header: the callback is unsigned");
    }
    byte[] given = decode(header);
    Long timestamp = timestamp(headers);
    byte[] signed = timestamp == null ? body : concat(timestamp + ".", body);
    boolean match = false;
    for (Mac prototype : prototypes) {
      match |= MessageDigest.isEqual(given, mac(prototype, signed));
    }
    if (!match) {
      throw new CallbackVerificationException(
          Reason.MISMATCH,
          signatureHeader
              + " does not match the body under any configured secret: check the secret, and that"
              + " nothing re-encodes the body before it is verified");
    }
    if (timestamp != null) {
      long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
      if (skew > tolerance.toSeconds()) {
        throw new CallbackVerificationException(
            Reason.OUTSIDE_TOLERANCE,
            "the callback was signed "
                + skew
                + " s from now, more than the "
                + tolerance.toSeconds()
                + " s allowed: a replay, or a clock that is off");
      }
    }
  }

  private byte[] decode(String header) {
    if (!header.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw new CallbackVerificationException(
          Reason.MALFORMED_SIGNATURE, signatureHeader + " does not start with \"" + prefix + "\"");
    }
    String digest = header.substring(prefix.length()).strip();
    try {
      return encoding == Encoding.HEX
          ? HexFormat.of().parseHex(digest.toLowerCase(Locale.ROOT))
          : Base64.getDecoder().decode(digest);
    } catch (IllegalArgumentException e) {
      throw new CallbackVerificationException(
          Reason.MALFORMED_SIGNATURE,
          signatureHeader + " is not " + encoding + " after the prefix");
    }
  }

  private @Nullable Long timestamp(RequestHeaders headers) {
    if (timestampHeader == null) {
      return null;
    }
    String value = headers.first(timestampHeader).map(String::strip).orElse("");
    if (value.isEmpty()) {
      throw new CallbackVerificationException(
          Reason.MISSING_TIMESTAMP, "no " + timestampHeader + " header");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new CallbackVerificationException(
          Reason.MALFORMED_TIMESTAMP, timestampHeader + " is not whole epoch seconds");
    }
  }

  /** Returns the header value a sender with {@code secret} puts on {@code body}, for tests. */
  public String sign(String secret, @Nullable Instant at, byte[] body) {
    byte[] signed = at == null ? body : concat(at.getEpochSecond() + ".", body);
    byte[] digest = mac(newMac(secret), signed);
    return prefix
        + (encoding == Encoding.HEX
            ? HexFormat.of().formatHex(digest)
            : Base64.getEncoder().encodeToString(digest));
  }

  private static byte[] concat(String head, byte[] body) {
    byte[] h = head.getBytes(UTF_8);
    byte[] out = new byte[h.length + body.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }

  private static byte[] mac(Mac prototype, byte[] data) {
    try {
      Mac mac = (Mac) prototype.clone();
      return mac.doFinal(data);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 cannot be cloned on this JVM", e);
    }
  }

  private static Mac newMac(String secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available on this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "CallbackVerifier[header="
        + signatureHeader
        + ", prefix="
        + prefix
        + ", "
        + encoding
        + (timestampHeader == null ? "" : ", timestamp=" + timestampHeader)
        + ", secrets="
        + prototypes.size()
        + " (***)]";
  }

  /** Configures a {@link CallbackVerifier}. Not thread-safe. */
  public static final class Builder {
    private String signatureHeader;
    private String prefix = "";
    private Encoding encoding = Encoding.HEX;
    private @Nullable String timestampHeader;
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();
    private final List<String> secrets = new ArrayList<>();

    private Builder() {}

    /** Sets the header holding the signature, for example {@code X-Hub-Signature-256}. */
    public Builder signatureHeader(String name) {
      this.signatureHeader = nonBlank(name, "signatureHeader");
      return this;
    }

    /** Sets the text before the digest, for example {@code sha256=}; default none. */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix == null");
      return this;
    }

    /** Sets how the digest is written; default {@link Encoding#HEX}. */
    public Builder encoding(Encoding encoding) {
      this.encoding = Objects.requireNonNull(encoding, "encoding == null");
      return this;
    }

    /**
     * Requires a timestamp header (epoch seconds) within the tolerance; the signature then covers
     * {@code "{timestamp}.{body}"}, so the timestamp cannot be changed. Default: none.
     */
    public Builder timestampHeader(String name) {
      this.timestampHeader = nonBlank(name, "timestampHeader");
      return this;
    }

    /** Sets how far the timestamp may be from now, either way; default 5 minutes. */
    public Builder tolerance(Duration tolerance) {
      Objects.requireNonNull(tolerance, "tolerance == null");
      if (tolerance.isNegative() || tolerance.isZero()) {
        throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /** Sets the clock that defines "now"; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Adds a secret; call once per secret while rotating. */
    public Builder secret(String secret) {
      Objects.requireNonNull(secret, "secret == null");
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("secret is empty: pass the callback's shared secret");
      }
      secrets.add(secret);
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException without a signature header or a secret
     */
    public CallbackVerifier build() {
      if (signatureHeader == null) {
        throw new IllegalStateException(
            "signatureHeader required, for example signatureHeader(\"X-Hub-Signature-256\")");
      }
      if (secrets.isEmpty()) {
        throw new IllegalStateException("no secret: call secret(...) with the shared secret");
      }
      return new CallbackVerifier(this);
    }

    private static String nonBlank(String value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " is blank");
      }
      return value;
    }
  }
}
