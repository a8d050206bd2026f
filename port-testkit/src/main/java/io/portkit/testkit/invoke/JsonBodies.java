package io.portkit.testkit.invoke;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The JSON byte forms the sender emits: compact as JSON.stringify writes it (Port), compact ASCII
 * and Python-spaced (agent).
 */
final class JsonBodies {
  private static final JsonMapper ASCII =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final ObjectWriter SPACED = ASCII.writer(new PythonSpacing());

  private JsonBodies() {}

  // Port renders bodies as JSON.stringify does; see JsStringify.
  static byte[] compact(JsonNode node) {
    return JsStringify.bytes(node);
  }

  static byte[] compactAscii(JsonNode node) {
    return lowerHexEscapes(write(ASCII.writer(), node));
  }

  static byte[] pythonSpaced(JsonNode node) {
    return lowerHexEscapes(write(SPACED, node));
  }

  // Jackson escapes with upper-case hex digits, Python json.dumps with lower case; the agent signs
  // Python's form.
  private static byte[] lowerHexEscapes(byte[] json) {
    for (int i = 0; i < json.length - 1; i++) {
      if (json[i] != '\\') {
        continue;
      }
      if (json[i + 1] == 'u') {
        for (int j = i + 2; j < i + 6 && j < json.length; j++) {
          if (json[j] >= 'A' && json[j] <= 'F') {
            json[j] = (byte) (json[j] + ('a' - 'A'));
          }
        }
      }
      i++; // skip the escaped character, so an escaped backslash never starts a new escape
    }
    return json;
  }

  private static byte[] write(ObjectWriter writer, JsonNode node) {
    try {
      return writer.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  /** Python's json.dumps default separators: {@code ", "} and {@code ": "}, no newlines. */
  private static final class PythonSpacing extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }
  }
}
