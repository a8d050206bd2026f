package io.portkit.backend.invocation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import javax.security.auth.Destroyable;
import org.jspecify.annotations.Nullable;

/**
 * The decrypted value of a secret input (an input Port encrypts, {@code "encryption"} in the
 * action's user inputs), held so that it cannot leak by accident.
 *
 * <ul>
 *   <li>{@link #toString()} is {@code SecretValue[input=db_password, ***]}: logging a record that
 *       holds one, or the value itself, prints no secret.
 *   <li>Jackson refuses to write it ({@link JsonMappingException}), whatever the mapper, so it
 *       cannot reach a run's properties, an entity or a log payload through JSON.
 *   <li>It is not {@link java.io.Serializable}; {@link #equals} is identity.
 *   <li>The plaintext comes out only where you ask for it: {@link #reveal()}, {@link
 *       #toCharArray()} (a copy you can wipe), {@link #revealJson()} for an {@code object} input.
 * </ul>
 *
 * <pre>{@code
 * record CopyInputs(List<String> tables, SecretValue sourcePassword) {}
 *
 * builder.handle("copy_db", CopyInputs.class, (inputs, run, ctx) -> {
 *   try (Connection c = DriverManager.getConnection(url, user, inputs.sourcePassword().reveal())) {
 *     ...
 *   }
 * });
 * }</pre>
 *
 * <p>{@link #destroy()} wipes the characters; afterwards every reveal throws. Thread-safe.
 */
@JsonSerialize(using = SecretValue.Refusal.class)
public final class SecretValue implements Destroyable {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final @Nullable String input;
  private final char[] chars; // wiped under lock
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean destroyed;

  private SecretValue(@Nullable String input, char[] chars) {
    this.input = input;
    this.chars = chars;
  }

  /**
   * Returns a secret holding {@code plaintext}, for tests and for values your backend holds itself;
   * secret inputs come decrypted from {@link RunInvocation#secret(String)} and typed inputs.
   */
  public static SecretValue of(String plaintext) {
    Objects.requireNonNull(plaintext, "plaintext == null");
    return new SecretValue(null, plaintext.toCharArray());
  }

  /** Returns the secret decrypted from input {@code input}; the bytes are UTF-8 and are wiped. */
  static SecretValue decrypted(String input, byte[] utf8) {
    CharBuffer decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new SecretInputException(input, SecretInputException.Reason.NOT_UTF8, null);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
    char[] chars = new char[decoded.remaining()];
    decoded.get(chars);
    Arrays.fill(decoded.array(), '\0');
    return new SecretValue(input, chars);
  }

  /** Returns the identifier of the input it was decrypted from, or null for {@link #of}. */
  public @Nullable String input() {
    return input;
  }

  /** Returns the number of characters. */
  public int length() {
    requireAlive();
    return chars.length;
  }

  /**
   * Returns the plaintext. Call it where the value is used (a JDBC password, an API header), never
   * to log or store it.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public String reveal() {
    requireAlive();
    return new String(chars);
  }

  /**
   * Returns a new copy of the characters, which the caller may wipe with {@code Arrays.fill} once
   * used, for APIs that take a {@code char[]} password.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public char[] toCharArray() {
    requireAlive();
    return chars.clone();
  }

  /**
   * Returns the plaintext parsed as JSON: an {@code object} secret input's plaintext is its JSON.
   *
   * @throws SecretInputException if the plaintext is not JSON (the message names the input, never
   *     the value)
   * @throws IllegalStateException after {@link #destroy()}
   */
  public JsonNode revealJson() {
    requireAlive();
    try {
      return JSON.readTree(new String(chars));
    } catch (JsonProcessingException e) {
      // The parser's message quotes the text it read: never pass it on.
      throw new SecretInputException(
          input == null ? "(secret)" : input, SecretInputException.Reason.NOT_JSON, null);
    }
  }

  /** Wipes the characters; every reveal afterwards throws. Idempotent. */
  @Override
  public void destroy() {
    lock.lock();
    try {
      Arrays.fill(chars, '\0');
      destroyed = true;
    } finally {
      lock.unlock();
    }
  }

  /** Returns whether {@link #destroy()} was called. */
  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  private void requireAlive() {
    if (destroyed) {
      throw new IllegalStateException(
          "secret" + (input == null ? "" : " input '" + input + "'") + " was destroyed");
    }
  }

  /** Never shows the value: {@code SecretValue[input=db_password, ***]}. */
  @Override
  public String toString() {
    return input == null ? "SecretValue[***]" : "SecretValue[input=" + input + ", ***]";
  }

  /** Makes every Jackson mapper refuse to write a {@link SecretValue}. */
  static final class Refusal extends JsonSerializer<SecretValue> {
    @Override
    public void serialize(SecretValue value, JsonGenerator gen, SerializerProvider serializers)
        throws JsonMappingException {
      throw JsonMappingException.from(
          gen,
          "a SecretValue is never written as JSON ("
              + value
              + "): call reveal() where the value is used, and keep it out of stored JSON");
    }
  }
}
