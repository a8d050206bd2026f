package io.portkit.backend.invocation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret inputs the way Port documents it, written from the documented layout alone
 * (https://docs.port.io/actions-and-automations/create-self-service-experiences/setup-ui-for-action/user-inputs/secret),
 * independent of both {@link SecretDecryptor} and the emulator's encryption.
 */
final class PortStyleEncryption {
  private static final SecureRandom RANDOM = new SecureRandom();

  private PortStyleEncryption() {}

  /** aes256-gcm: base64(IV 16 ‖ ciphertext ‖ tag 16), key = client secret's first 32 bytes. */
  static String aes(String clientSecret, String plaintext) {
    try {
      byte[] iv = new byte[16];
      RANDOM.nextBytes(iv);
      byte[] key = Arrays.copyOf(clientSecret.getBytes(UTF_8), 32);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(UTF_8)); // ciphertext ‖ tag
      byte[] out = new byte[16 + sealed.length];
      System.arraycopy(iv, 0, out, 0, 16);
      System.arraycopy(sealed, 0, out, 16, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Client-side: base64(IV 12 ‖ RSA-OAEP-SHA-256(AES key) ‖ ciphertext ‖ tag). */
  static String clientSide(PublicKey publicKey, String plaintext) {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      SecretKey aes = generator.generateKey();
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(
          Cipher.ENCRYPT_MODE,
          publicKey,
          new OAEPParameterSpec(
              "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
      byte[] wrapped = rsa.doFinal(aes.getEncoded());
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, iv));
      byte[] sealed = gcm.doFinal(plaintext.getBytes(UTF_8));
      byte[] out = new byte[12 + wrapped.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, 12);
      System.arraycopy(wrapped, 0, out, 12, wrapped.length);
      System.arraycopy(sealed, 0, out, 12 + wrapped.length, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static String pkcs8Pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8))
            .encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** Flips one bit of the decoded value at {@code index} (negative counts from the end). */
  static String tamper(String base64, int index) {
    byte[] data = Base64.getDecoder().decode(base64);
    int at = index < 0 ? data.length + index : index;
    data[at] ^= 0x01;
    return Base64.getEncoder().encodeToString(data);
  }

  /** Keeps the first {@code bytes} decoded bytes. */
  static String truncate(String base64, int bytes) {
    return Base64.getEncoder()
        .encodeToString(Arrays.copyOf(Base64.getDecoder().decode(base64), bytes));
  }
}
