package io.portkit.backend.invocation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes Port's webhook signature: {@code v1,} + Base64(HMAC-SHA256(secret,
 * "{timestamp}.{body}")).
 *
 * <p>This is the signing half of {@link PortHeaders#SIGNATURE}. Port signs with the organisation's
 * client secret; tests and the port-testkit emulator use this class to send requests that a real
 * verifier accepts:
 *
 * <pre>{@code
 * Signer signer = Signer.withSecret(clientSecret);
 * String signature = signer.sign(clock.instant().getEpochSecond(), body);
 * }</pre>
 *
 * <p>Immutable and thread-safe. The secret never appears in {@link #toString()}.
 */
public final class Signer {
  /** The only signature scheme Port documents. */
  public static final String VERSION = "v1";

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  private Signer(String secret) {
    Objects.requireNonNull(secret, "secret == null");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret is empty: pass the Port client secret");
    }
    this.key = new SecretKeySpec(secret.getBytes(UTF_8), ALGORITHM);
  }

  /** Returns a signer keyed with {@code secret} (Port's client secret, used as UTF-8 bytes). */
  public static Signer withSecret(String secret) {
    return new Signer(secret);
  }

  /**
   * Signs {@code body} as sent at {@code epochSeconds}.
   *
   * @return the header value, for example {@code v1,3PeZSTRLxpTx16HqnAauHYCHGKH9oK5QERcq6RBqZKg=}
   */
  public String sign(long epochSeconds, byte[] body) {
    Objects.requireNonNull(body, "body == null");
    return VERSION + "," + Base64.getEncoder().encodeToString(mac(epochSeconds, body));
  }

  /** Signs a UTF-8 {@code body}; see {@link #sign(long, byte[])}. */
  public String sign(long epochSeconds, String body) {
    Objects.requireNonNull(body, "body == null");
    return sign(epochSeconds, body.getBytes(UTF_8));
  }

  /**
   * Returns the raw HMAC-SHA256 of {@code "{epochSeconds}.{body}"}, for verifiers that compare
   * digests rather than header strings.
   */
  public byte[] mac(long epochSeconds, byte[] body) {
    Objects.requireNonNull(body, "body == null");
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(Long.toString(epochSeconds).getBytes(UTF_8));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is required of every Java platform, so this means a broken JCE install.
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "Signer[" + VERSION + ", secret=***]";
  }
}
