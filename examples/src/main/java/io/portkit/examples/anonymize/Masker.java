package io.portkit.examples.anonymize;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masks personal values deterministically: the masked value is formatted from the keyed HMAC-SHA256
 * of the kind and the original, so equal originals give equal masks (joins on masked columns still
 * match) while, without the key, the original cannot be recovered or guessed by hashing candidates.
 *
 * <p>Immutable and thread-safe. The key never appears in {@link #toString()} or any message.
 */
public final class Masker {

  /** The shortest key accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 16;

  private final SecretKeySpec key;

  /**
   * Creates a masker with {@code key}.
   *
   * @param key the masking key, at least {@value #MIN_KEY_BYTES} bytes; copied; never null
   * @throws IllegalArgumentException if the key is too short
   */
  public Masker(byte[] key) {
    requireNonNull(key, "key == null");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "masking key must be at least "
              + MIN_KEY_BYTES
              + " bytes, got "
              + key.length
              + ": use a random secret, for example from an environment"
              + " variable");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /**
   * Creates a masker whose key is the UTF-8 bytes of {@code key}.
   *
   * @param key the masking key, at least {@value #MIN_KEY_BYTES} bytes in UTF-8; never null
   * @return the masker
   * @throws IllegalArgumentException if the key is too short
   */
  public static Masker withKey(String key) {
    requireNonNull(key, "key == null");
    return new Masker(key.getBytes(UTF_8));
  }

  /**
   * Masks {@code value} as {@code kind}.
   *
   * @param kind the kind of data; never null
   * @param value the original value; never null
   * @return the masked value, at most 32 characters
   */
  public String mask(MaskKind kind, String value) {
    requireNonNull(kind, "kind == null");
    requireNonNull(value, "value == null");
    try {
      // Mac instances are not thread-safe; creating one per value is cheap next to the JDBC work.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(kind.name().getBytes(UTF_8));
      mac.update((byte) 0);
      return kind.format(mac.doFinal(value.getBytes(UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }

  /**
   * Returns a description without the key.
   *
   * @return {@code Masker[HmacSHA256, key=***]}
   */
  @Override
  public String toString() {
    return "Masker[HmacSHA256, key=***]";
  }
}
