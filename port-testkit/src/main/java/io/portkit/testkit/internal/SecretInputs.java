package io.portkit.testkit.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts an action's secret inputs the way Port does on delivery
 * (docs/decisions/0194-emulator-secret-inputs.md): {@code "encryption": "aes256-gcm"} with the
 * first 32 bytes of the client secret, or client-side with the action's RSA public key. The
 * plaintext is kept nowhere: the run stores its other inputs, and the encrypted ones only until the
 * webhook is sent. Stateless and thread-safe.
 */
final class SecretInputs {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final OAEPParameterSpec OAEP_SHA256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  /**
   * A run's inputs split for storage and delivery.
   *
   * @param stored the inputs the run keeps and renders: every input but the secret ones
   * @param delivered the inputs the webhook carries: secret ones encrypted
   * @param encrypted the identifiers of the encrypted inputs, in definition order
   */
  record Split(ObjectNode stored, ObjectNode delivered, List<String> encrypted) {}

  private SecretInputs() {}

  /** Returns the identifiers of {@code action}'s secret inputs, in definition order. */
  static List<String> secretInputs(JsonNode action) {
    List<String> secret = new ArrayList<>();
    for (Map.Entry<String, JsonNode> input :
        action.path("trigger").path("userInputs").path("properties").properties()) {
      if (input.getValue().has("encryption")) {
        secret.add(input.getKey());
      }
    }
    return secret;
  }

  /**
   * Checks each secret input's {@code encryption} when an action is defined.
   *
   * @throws ApiError 422 naming the input when the algorithm is unknown or the key unusable
   */
  static void validate(JsonNode action) {
    for (String id : secretInputs(action)) {
      JsonNode definition = action.path("trigger").path("userInputs").path("properties").path(id);
      JsonNode encryption = definition.get("encryption");
      String type = definition.path("type").asText("string");
      if (!type.equals("string") && !type.equals("object")) {
        throw ApiError.invalid(
            "user input \"" + id + "\" is encrypted, so its type must be string or object");
      }
      if (encryption.isTextual() && encryption.textValue().equals("aes256-gcm")) {
        continue;
      }
      if (encryption.isObject()
          && encryption.path("algorithm").asText("").equals("client-side")
          && encryption.path("key").isTextual()) {
        publicKey(id, encryption.path("key").textValue());
        continue;
      }
      throw ApiError.invalid(
          "user input \""
              + id
              + "\": \"encryption\" must be \"aes256-gcm\" or {\"algorithm\":\"client-side\","
              + "\"key\":\"<PEM public key>\"}");
    }
  }

  /** Splits {@code properties} of a run of {@code action} into stored and delivered inputs. */
  static Split split(JsonNode action, ObjectNode properties, String clientSecret) {
    List<String> secret = secretInputs(action);
    ObjectNode stored = properties.deepCopy();
    ObjectNode delivered = properties.deepCopy();
    List<String> encrypted = new ArrayList<>();
    for (String id : secret) {
      JsonNode value = properties.get(id);
      stored.remove(id);
      if (value == null || value.isNull()) {
        continue;
      }
      JsonNode encryption =
          action.path("trigger").path("userInputs").path("properties").path(id).get("encryption");
      byte[] plaintext = (value.isTextual() ? value.textValue() : value.toString()).getBytes(UTF_8);
      try {
        delivered.put(
            id,
            encryption.isObject()
                ? clientSide(publicKey(id, encryption.path("key").asText()), plaintext)
                : aes(id, clientSecret, plaintext));
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
      encrypted.add(id);
    }
    return new Split(stored, delivered, List.copyOf(encrypted));
  }

  private static String aes(String input, String clientSecret, byte[] plaintext) {
    byte[] key = clientSecret.getBytes(UTF_8);
    if (key.length < 32) {
      throw ApiError.invalid(
          "secret input \""
              + input
              + "\" cannot be encrypted: the client secret must be at least 32 bytes (Port"
              + " keys aes256-gcm with its first 32)");
    }
    try {
      byte[] iv = new byte[16];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 32, "AES"), new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plaintext);
      return Base64.getEncoder().encodeToString(concat(iv, sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static String clientSide(PublicKey key, byte[] plaintext) {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, RANDOM);
      SecretKey aes = generator.generateKey();
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.ENCRYPT_MODE, key, OAEP_SHA256);
      byte[] wrapped = rsa.doFinal(aes.getEncoded());
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, iv));
      byte[] sealed = gcm.doFinal(plaintext);
      return Base64.getEncoder().encodeToString(concat(concat(iv, wrapped), sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP or AES-GCM is not available in this JVM", e);
    }
  }

  private static PublicKey publicKey(String input, String pem) {
    String begin = "-----BEGIN PUBLIC KEY-----";
    String end = "-----END PUBLIC KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw ApiError.invalid(
          "user input \"" + input + "\": the client-side key must be a PEM " + begin + " block");
    }
    try {
      byte[] der =
          Base64.getDecoder()
              .decode(pem.substring(from + begin.length(), to).replaceAll("\\s", ""));
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (IllegalArgumentException | InvalidKeySpecException e) {
      throw ApiError.invalid(
          "user input \"" + input + "\": the client-side key is not an RSA public key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no RSA key factory", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
