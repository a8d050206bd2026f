package io.portkit.testkit.invoke;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON tree byte for byte as JavaScript's {@code JSON.stringify} does, which is how Port
 * renders webhook bodies (docs/decisions/0031-webhook-body-bytes.md). That matters because Port's
 * own verification sample re-stringifies the parsed body before checking the signature:
 *
 * <ul>
 *   <li>Numbers are IEEE doubles, written as ECMAScript's Number::toString: the shortest digits
 *       that read back to the same double, plain between 1e-7 and 1e21, else {@code 1e+21} style;
 *       {@code -0} is {@code 0}, {@code 1.0} is {@code 1}, NaN and infinities are {@code null}.
 *   <li>Strings escape {@code "}, {@code \}, {@code \b \f \n \r \t}, other controls and lone
 *       surrogates as lower-case <code>&#92;u00XX</code>; everything else, non-ASCII included, is
 *       raw UTF-8.
 *   <li>Object keys that are array indexes ({@code "0"}, {@code "7"}) come first in numeric order,
 *       then the other keys in insertion order, as JavaScript orders an object's own keys.
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class JsStringify {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final long MAX_ARRAY_INDEX = 4_294_967_294L; // 2^32 - 2

  private JsStringify() {}

  /** Returns the UTF-8 bytes {@code JSON.stringify} produces for {@code node}. */
  static byte[] bytes(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString().getBytes(UTF_8);
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isNumber()) {
      out.append(number(node.doubleValue()));
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : ordered(node)) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(field.getKey(), out);
        out.append(':');
        write(field.getValue(), out);
      }
      out.append('}');
    } else {
      // POJO or binary nodes have no JSON.stringify form; their JSON text is the closest.
      string(node.asText(), out);
    }
  }

  private static List<Map.Entry<String, JsonNode>> ordered(JsonNode object) {
    List<Map.Entry<String, JsonNode>> indexes = new ArrayList<>();
    List<Map.Entry<String, JsonNode>> others = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      (isArrayIndex(field.getKey()) ? indexes : others).add(field);
    }
    indexes.sort((a, b) -> Long.compare(Long.parseLong(a.getKey()), Long.parseLong(b.getKey())));
    indexes.addAll(others);
    return indexes;
  }

  // A canonical array index: "0", or digits without a leading zero, below 2^32 - 1.
  static boolean isArrayIndex(String key) {
    if (key.isEmpty() || key.length() > 10 || (key.length() > 1 && key.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) < '0' || key.charAt(i) > '9') {
        return false;
      }
    }
    return Long.parseLong(key) <= MAX_ARRAY_INDEX;
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            unicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i)); // a well-formed pair is written as is
          } else if (Character.isSurrogate(c)) {
            unicodeEscape(c, out); // a lone surrogate has no UTF-8 form
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }

  /**
   * Returns ECMAScript's Number::toString(10) of {@code value} ({@code null} for NaN, infinities).
   */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "null";
    }
    if (value == 0) {
      return "0"; // both zeros
    }
    String sign = value < 0 ? "-" : "";
    BigDecimal shortest = shortest(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // value = 0.digits * 10^n
    StringBuilder out = new StringBuilder(sign);
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int exponent = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    }
    return out.toString();
  }

  // The fewest significant digits that read back as value; between two candidates of that length,
  // the one closer to value, as the ECMAScript specification requires.
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
      boolean downOk = Double.parseDouble(down.toString()) == value;
      boolean upOk = Double.parseDouble(up.toString()) == value;
      if (downOk || upOk) {
        BigDecimal pick;
        if (downOk && upOk) {
          int cmp = exact.subtract(down).compareTo(up.subtract(exact));
          pick = cmp < 0 ? down : cmp > 0 ? up : (lastDigitEven(down) ? down : up);
        } else {
          pick = downOk ? down : up;
        }
        return pick.stripTrailingZeros();
      }
    }
    return exact.round(MathContext.DECIMAL64).stripTrailingZeros(); // not reached for doubles
  }

  private static boolean lastDigitEven(BigDecimal d) {
    return !d.unscaledValue().testBit(0);
  }
}
