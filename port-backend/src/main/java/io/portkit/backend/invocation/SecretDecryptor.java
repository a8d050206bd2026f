package io.portkit.backend.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.backend.invocation.SecretInputException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts Port's secret inputs, in both of Port's encryption modes, with JDK crypto only.
 *
 * <ul>
 *   <li>{@code "encryption": "aes256-gcm"}: base64 of IV (16 bytes) ‖ ciphertext ‖ tag (16 bytes),
 *       AES-256-GCM keyed with the first 32 bytes (UTF-8) of the organization's client secret, no
 *       associated data. {@link Builder#addClientSecret} once per secret: during a rotation each is
 *       tried.
 *   <li>Client-side ({@code "encryption": {"algorithm": "client-side", "key": "<PEM>"}}): base64 of
 *       IV (12 bytes) ‖ the AES key wrapped with RSA-OAEP (SHA-256, MGF1 SHA-256; as long as the
 *       modulus) ‖ ciphertext and tag. {@link Builder#addPrivateKeyPem} with the private half.
 * </ul>
 *
 * <p>The body does not say which mode an input used, so each configured key is tried; GCM's tag
 * makes a wrong guess fail, never decrypt to garbage. Failures are {@link SecretInputException}s
 * that name the input and the {@link Reason}, never the value.
 *
 * <p>Immutable and thread-safe; keys never appear in {@link #toString()}.
 */
public final class SecretDecryptor {
  /** The AES-256-GCM mode's IV length in bytes. */
  public static final int AES_IV_BYTES = 16;

  /** The client-side mode's IV length in bytes. */
  public static final int CLIENT_SIDE_IV_BYTES = 12;

  /** GCM's tag length in bytes, in both modes. */
  public static final int TAG_BYTES = 16;

  /** How many bytes of the client secret key AES-256: the first 32 of its UTF-8 encoding. */
  public static final int KEY_BYTES = 32;

  /** The OAEP parameters Port's client-side mode uses: SHA-256 for the digest and for MGF1. */
  static final OAEPParameterSpec OAEP_SHA256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private final List<SecretKey> aesKeys;
  private final List<RSAPrivateKey> privateKeys;

  private SecretDecryptor(Builder b) {
    this.aesKeys = List.copyOf(b.aesKeys);
    this.privateKeys = List.copyOf(b.privateKeys);
  }

  /** Returns a builder; add at least one client secret or private key. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a decryptor of the aes256-gcm mode keyed with {@code clientSecret}. */
  public static SecretDecryptor ofClientSecret(String clientSecret) {
    return builder().addClientSecret(clientSecret).build();
  }

  /**
   * Returns whether no key is configured: every decryption then fails with {@link Reason#NO_KEY}.
   */
  public boolean isEmpty() {
    return aesKeys.isEmpty() && privateKeys.isEmpty();
  }

  /**
   * Decrypts the value Port sent for secret input {@code input}.
   *
   * @param input the input's identifier, for the message
   * @param value the input's JSON value (base64 text)
   * @throws SecretInputException naming the input and the reason
   */
  public SecretValue decrypt(String input, JsonNode value) {
    Objects.requireNonNull(input, "input == null");
    Objects.requireNonNull(value, "value == null");
    if (!value.isTextual()) {
      throw new SecretInputException(input, Reason.NOT_TEXT, "got " + kind(value));
    }
    return decrypt(input, value.textValue());
  }

  /**
   * Decrypts {@code base64}, the encrypted value of secret input {@code input}.
   *
   * @throws SecretInputException naming the input and the reason
   */
  public SecretValue decrypt(String input, String base64) {
    Objects.requireNonNull(input, "input == null");
    Objects.requireNonNull(base64, "base64 == null");
    if (isEmpty()) {
      throw new SecretInputException(input, Reason.NO_KEY, null);
    }
    byte[] data;
    try {
      data = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new SecretInputException(input, Reason.NOT_BASE64, null);
    }
    if (data.length < AES_IV_BYTES + TAG_BYTES) {
      throw new SecretInputException(
          input, Reason.TOO_SHORT, data.length + " bytes, at least " + (AES_IV_BYTES + TAG_BYTES));
    }
    for (SecretKey key : aesKeys) {
      byte[] plain = aesGcm(key, data, AES_IV_BYTES, AES_IV_BYTES);
      if (plain != null) {
        return SecretValue.decrypted(input, plain);
      }
    }
    boolean unwrapped = false;
    boolean longEnough = false;
    for (RSAPrivateKey key : privateKeys) {
      int wrapped = (key.getModulus().bitLength() + 7) / 8;
      if (data.length < CLIENT_SIDE_IV_BYTES + wrapped + TAG_BYTES) {
        continue;
      }
      longEnough = true;
      SecretKey aes = unwrap(key, data, CLIENT_SIDE_IV_BYTES, wrapped);
      if (aes == null) {
        continue;
      }
      unwrapped = true;
      byte[] plain = aesGcm(aes, data, CLIENT_SIDE_IV_BYTES + wrapped, CLIENT_SIDE_IV_BYTES);
      if (plain != null) {
        return SecretValue.decrypted(input, plain);
      }
    }
    if (unwrapped) {
      throw new SecretInputException(input, Reason.ALTERED, null);
    }
    if (aesKeys.isEmpty()) {
      if (!longEnough) {
        throw new SecretInputException(
            input,
            Reason.TOO_SHORT,
            data.length + " bytes, too few for the client-side mode's IV, wrapped key and tag");
      }
      throw new SecretInputException(input, Reason.WRONG_PRIVATE_KEY, null);
    }
    throw new SecretInputException(
        input,
        Reason.NOT_AUTHENTIC,
        "tried "
            + count(aesKeys.size(), "client secret")
            + (privateKeys.isEmpty()
                ? "; no private key is configured, which client-side encryption needs"
                : " and " + count(privateKeys.size(), "private key")));
  }

  /**
   * Decrypts AES-GCM laid out as {@code [IV: ivBytes][...][ciphertext ‖ tag from cipherAt]};
   * returns null when the tag does not verify (wrong key or altered data).
   */
  private static byte[] aesGcm(SecretKey key, byte[] data, int cipherAt, int ivBytes) {
    int from = cipherAt;
    if (data.length - from < TAG_BYTES) {
      return null;
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, data, 0, ivBytes));
      return cipher.doFinal(data, from, data.length - from);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      return null; // a key of the wrong length for AES: not this key
    }
  }

  private static SecretKey unwrap(RSAPrivateKey key, byte[] data, int at, int length) {
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.DECRYPT_MODE, key, OAEP_SHA256);
      byte[] raw = rsa.doFinal(data, at, length);
      try {
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
          return null;
        }
        return new SecretKeySpec(raw, "AES");
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      return null; // OAEP decoding failed: another key pair
    }
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static String kind(JsonNode value) {
    return value.isNull()
        ? "null"
        : "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Shows how many keys of each kind, never a key. */
  @Override
  public String toString() {
    return "SecretDecryptor[clientSecrets="
        + aesKeys.size()
        + ", privateKeys="
        + privateKeys.size()
        + "]";
  }

  /** Configures a {@link SecretDecryptor}. Not thread-safe. */
  public static final class Builder {
    private final List<SecretKey> aesKeys = new ArrayList<>();
    private final List<RSAPrivateKey> privateKeys = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an organization client secret for the aes256-gcm mode; its first 32 bytes (UTF-8) are
     * the key. Add the old and the new one while rotating: each is tried.
     *
     * @throws IllegalArgumentException if the secret is shorter than 32 bytes (Port's are longer)
     */
    public Builder addClientSecret(String clientSecret) {
      Objects.requireNonNull(clientSecret, "clientSecret == null");
      byte[] utf8 = clientSecret.getBytes(StandardCharsets.UTF_8);
      try {
        if (utf8.length < KEY_BYTES) {
          throw new IllegalArgumentException(
              "a client secret that keys secret inputs must be at least "
                  + KEY_BYTES
                  + " bytes, got "
                  + utf8.length
                  + ": pass the organization's Port client secret");
        }
        aesKeys.add(new SecretKeySpec(utf8, 0, KEY_BYTES, "AES"));
      } finally {
        Arrays.fill(utf8, (byte) 0);
      }
      return this;
    }

    /** Adds an RSA private key for the client-side mode. */
    public Builder addPrivateKey(PrivateKey key) {
      Objects.requireNonNull(key, "key == null");
      if (!(key instanceof RSAPrivateKey rsa)) {
        throw new IllegalArgumentException(
            "client-side encryption uses RSA keys, got a " + key.getAlgorithm() + " key");
      }
      privateKeys.add(rsa);
      return this;
    }

    /**
     * Adds an RSA private key from its PEM text ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8, as
     * {@code openssl genpkey -algorithm RSA} writes it).
     *
     * @throws IllegalArgumentException if the text is not an unencrypted PKCS#8 RSA key; the
     *     message never quotes the text
     */
    public Builder addPrivateKeyPem(String pem) {
      Objects.requireNonNull(pem, "pem == null");
      return addPrivateKey(parsePem(pem));
    }

    /**
     * Adds an RSA private key from a PEM file.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it does not hold a PKCS#8 RSA key
     */
    public Builder addPrivateKeyFile(Path pemFile) {
      Objects.requireNonNull(pemFile, "pemFile == null");
      try {
        return addPrivateKeyPem(Files.readString(pemFile, StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the private key file " + pemFile + ": " + e.getClass().getSimpleName(), e);
      }
    }

    /**
     * Adds an RSA private key from the PEM text in environment variable {@code variable}.
     *
     * @throws IllegalStateException if the variable is not set
     * @throws IllegalArgumentException if it does not hold a PKCS#8 RSA key
     */
    public Builder addPrivateKeyFromEnv(String variable) {
      Objects.requireNonNull(variable, "variable == null");
      String pem = System.getenv(variable);
      if (pem == null || pem.isBlank()) {
        throw new IllegalStateException(
            "environment variable " + variable + " is not set: it should hold the PEM private key");
      }
      return addPrivateKeyPem(pem);
    }

    /** Builds the decryptor; one with no key fails every decryption with {@link Reason#NO_KEY}. */
    public SecretDecryptor build() {
      return new SecretDecryptor(this);
    }

    private static PrivateKey parsePem(String pem) {
      String text = pem.strip();
      if (text.contains("BEGIN RSA PRIVATE KEY")) {
        throw new IllegalArgumentException(
            "the private key is PKCS#1 (BEGIN RSA PRIVATE KEY): convert it to PKCS#8 with"
                + " openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
      }
      if (text.contains("ENCRYPTED PRIVATE KEY")) {
        throw new IllegalArgumentException(
            "the private key is encrypted: give the backend an unencrypted PKCS#8 key (keep it in"
                + " a secret store)");
      }
      String begin = "-----BEGIN PRIVATE KEY-----";
      String end = "-----END PRIVATE KEY-----";
      int from = text.indexOf(begin);
      int to = text.indexOf(end);
      if (from < 0 || to < from) {
        throw new IllegalArgumentException(
            "not a PEM private key: expected " + begin + " ... " + end + " (PKCS#8)");
      }
      String body = text.substring(from + begin.length(), to).replaceAll("\\s", "");
      byte[] der;
      try {
        der = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the PEM private key's body is not base64");
      }
      try {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException e) {
        throw new IllegalArgumentException("the PEM private key is not a PKCS#8 RSA key");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JVM has no RSA key factory", e);
      } finally {
        Arrays.fill(der, (byte) 0);
      }
    }
  }
}
