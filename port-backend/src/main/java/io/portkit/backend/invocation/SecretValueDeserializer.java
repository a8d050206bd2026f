package io.portkit.backend.invocation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Decrypts a typed input's {@link SecretValue} component with the {@link SecretDecryptor} the
 * binder puts in the context's attributes; a JSON null or a missing input stays null.
 */
final class SecretValueDeserializer extends StdDeserializer<SecretValue> {
  private static final long serialVersionUID = 1L;

  /** The context attribute holding the {@link SecretDecryptor}. */
  static final Object DECRYPTOR = SecretDecryptor.class;

  SecretValueDeserializer() {
    super(SecretValue.class);
  }

  @Override
  public SecretValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String input = p.currentName() == null ? "(secret)" : p.currentName();
    JsonNode value = p.readValueAsTree();
    Object decryptor = ctxt.getAttribute(DECRYPTOR);
    if (!(decryptor instanceof SecretDecryptor secrets)) {
      throw new SecretInputException(input, SecretInputException.Reason.NO_KEY, null);
    }
    return secrets.decrypt(input, value);
  }
}
