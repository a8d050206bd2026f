package io.portkit.backend.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Re-serializes a JSON document the way Python's {@code json.dumps(v, separators=(",", ":"))} does,
 * straight from the token stream: key order, duplicate keys and number text are kept as written.
 *
 * <p>Used only to reproduce what Port's execution agent signed. Thread-safe; the parser is bounded
 * in nesting depth and string length, so hostile input fails fast instead of exhausting memory.
 */
public final class CompactJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final JsonFactory factory;

  /** Creates a re-serializer whose parser rejects documents nested deeper than {@code maxDepth}. */
  public CompactJson(int maxDepth) {
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxStringLength(1 << 20)
                    .maxNumberLength(1000)
                    .build())
            .build();
  }

  /**
   * Returns the compact form of {@code json}, with non-ASCII characters escaped as lower-case
   * &#92;uXXXX when {@code asciiOnly} (Python's {@code ensure_ascii=True}) or kept as UTF-8.
   *
   * @throws IOException if {@code json} is not exactly one well-formed JSON value within bounds
   */
  public byte[] compact(byte[] json, boolean asciiOnly) throws IOException {
    StringBuilder out = new StringBuilder(json.length);
    try (JsonParser parser = factory.createParser(json)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new IOException("empty body");
      }
      boolean needComma = false;
      while (token != null) {
        needComma = write(parser, token, out, needComma, asciiOnly);
        if (parser.getParsingContext().inRoot()) {
          break;
        }
        token = parser.nextToken();
      }
      if (parser.nextToken() != null) {
        throw new IOException("trailing content after the JSON value");
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes one token; returns whether the next sibling needs a comma before it. */
  private static boolean write(
      JsonParser parser, JsonToken token, StringBuilder out, boolean needComma, boolean ascii)
      throws IOException {
    switch (token) {
      case START_OBJECT:
      case START_ARRAY:
        if (needComma) {
          out.append(',');
        }
        out.append(token == JsonToken.START_OBJECT ? '{' : '[');
        return false;
      case END_OBJECT:
      case END_ARRAY:
        out.append(token == JsonToken.END_OBJECT ? '}' : ']');
        return true;
      case FIELD_NAME:
        if (needComma) {
          out.append(',');
        }
        appendString(parser.currentName(), out, ascii);
        out.append(':');
        return false;
      default:
        if (needComma) {
          out.append(',');
        }
        if (token == JsonToken.VALUE_STRING) {
          appendString(parser.getText(), out, ascii);
        } else {
          // Numbers, true, false and null: the text exactly as the sender wrote it.
          out.append(parser.getText());
        }
        return true;
    }
  }

  /** Appends {@code s} quoted and escaped as Python's json module does. */
  static void appendString(String s, StringBuilder out, boolean ascii) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // ensure_ascii escapes everything outside ' '..'~' (so DEL too); otherwise only controls.
          boolean escape = c < 0x20 || (ascii && c > 0x7e);
          if (escape) {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
