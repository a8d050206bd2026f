package io.portkit.testkit.invoke;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The webhook body bytes against ECMAScript's JSON.stringify. The expected texts follow the
 * specification's Number::toString and QuoteJSONString algorithms (and were checked against
 * Node.js); Jackson's own writer gives "1.0", "1.0E21", "-0.0", upper-case hex escapes and
 * insertion-ordered index keys for the same input.
 */
class JsStringifyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String stringify(String json) throws Exception {
    return new String(JsStringify.bytes(MAPPER.readTree(json)), UTF_8);
  }

  @Test
  void numbers_areWrittenAsEcmaScriptNumberToString() throws Exception {
    String input =
        "[1.0,0.1,0.30000000000000004,1e21,1e20,123456789012345680000,1e-7,0.000001,1.5e-10,"
            + "-0.0,5e-324,1.7976931348623157e308,9007199254740993,100,2.5,-12.75,4.35,0.3,"
            + "0.3333333333333333,123e-20,1e100,1234.5678,-1E-7,7.0E2]";

    assertThat(stringify(input))
        .isEqualTo(
            "[1,0.1,0.30000000000000004,1e+21,100000000000000000000,123456789012345680000,1e-7,"
                + "0.000001,1.5e-10,0,5e-324,1.7976931348623157e+308,9007199254740992,100,2.5,"
                + "-12.75,4.35,0.3,0.3333333333333333,1.23e-18,1e+100,1234.5678,-1e-7,700]");
  }

  @Test
  void jacksonWritesTheSameNumbersDifferently_whichIsWhyTheBodiesAreRenderedHere()
      throws Exception {
    JsonNode node = MAPPER.readTree("[1.0,1e21,-0.0]");

    assertThat(MAPPER.writeValueAsString(node)).isEqualTo("[1.0,1.0E21,-0.0]");
    assertThat(new String(JsStringify.bytes(node), UTF_8)).isEqualTo("[1,1e+21,0]");
  }

  @Test
  void strings_escapeOnlyWhatJsonStringifyEscapes() {
    String raw = "q\"b\\\b\f\n\r\t\u0001\u001f\u007f\u2028é😀\ud800/<>";

    byte[] bytes = JsStringify.bytes(JsonNodeFactory.instance.textNode(raw));

    assertThat(new String(bytes, UTF_8))
        .isEqualTo("\"q\\\"b\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\u2028é😀\\ud800/<>\"");
    // Non-ASCII is raw UTF-8, not escaped: é is C3 A9, 😀 is F0 9F 98 80.
    assertThat(new String(bytes, UTF_8)).contains("é😀");
    assertThat(bytes).containsSequence((byte) 0xC3, (byte) 0xA9, (byte) 0xF0, (byte) 0x9F);
  }

  @Test
  void objectKeys_arrayIndexesFirstInNumericOrderThenInsertionOrder() throws Exception {
    assertThat(
            stringify(
                "{\"b\":1,\"10\":2,\"2\":3,\"a\":4,\"01\":5,\"4294967294\":6,\"4294967295\":7}"))
        .isEqualTo("{\"2\":3,\"10\":2,\"4294967294\":6,\"b\":1,\"a\":4,\"01\":5,\"4294967295\":7}");
  }

  @Test
  void nestedValues_booleansNullsAndEmptyContainers() throws Exception {
    ObjectNode node = (ObjectNode) MAPPER.readTree("{\"a\":[true,false,null,{},[]],\"s\":\"\"}");
    node.put("nan", Double.NaN).put("inf", Double.POSITIVE_INFINITY);

    assertThat(new String(JsStringify.bytes(node), UTF_8))
        .isEqualTo("{\"a\":[true,false,null,{},[]],\"s\":\"\",\"nan\":null,\"inf\":null}");
  }

  @Test
  void numberToString_shortestRoundTrip() {
    assertThat(JsStringify.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(JsStringify.number(1e-6)).isEqualTo("0.000001");
    assertThat(JsStringify.number(1e-7)).isEqualTo("1e-7");
    assertThat(JsStringify.number(-1.5e300)).isEqualTo("-1.5e+300");
    assertThat(JsStringify.number(Double.MIN_NORMAL)).isEqualTo("2.2250738585072014e-308");
  }
}
