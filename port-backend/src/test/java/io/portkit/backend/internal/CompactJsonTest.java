package io.portkit.backend.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CompactJsonTest {
  private final CompactJson compact = new CompactJson(8);

  private String ascii(String json) throws IOException {
    return new String(compact.compact(json.getBytes(UTF_8), true), UTF_8);
  }

  private String utf8(String json) throws IOException {
    return new String(compact.compact(json.getBytes(UTF_8), false), UTF_8);
  }

  @Test
  void compact_spacedJson_matchesPythonSeparators() throws IOException {
    String spaced = "{\"b\": [1, 2.50, -3e5, true, false, null], \"a\": {\"x\": {}, \"y\": []}}";

    assertThat(ascii(spaced))
        .isEqualTo("{\"b\":[1,2.50,-3e5,true,false,null],\"a\":{\"x\":{},\"y\":[]}}");
  }

  @Test
  void compact_keepsKeyOrderAndDuplicates() throws IOException {
    assertThat(ascii("{\"z\": 1, \"a\": 2, \"z\": 3}")).isEqualTo("{\"z\":1,\"a\":2,\"z\":3}");
  }

  @Test
  void compact_asciiOnly_escapesLikeEnsureAscii() throws IOException {
    // é, DEL, a control char, an emoji (surrogate pair), quote, backslash, slash unescaped.
    String in = "[\"caf\u00e9\u007f\\u0001\ud83d\ude00\\\"\\\\/\\n\\t\"]";

    assertThat(ascii(in)).isEqualTo("[\"caf\\u00e9\\u007f\\u0001\\ud83d\\ude00\\\"\\\\/\\n\\t\"]");
  }

  @Test
  void compact_utf8_keepsNonAsciiAndDel() throws IOException {
    assertThat(utf8("[\"caf\\u00e9\u007f\\u0001\"]")).isEqualTo("[\"caf\u00e9\u007f\\u0001\"]");
  }

  @Test
  void compact_scalarRoot_written() throws IOException {
    assertThat(ascii(" \"x\" ")).isEqualTo("\"x\"");
    assertThat(ascii("12.0")).isEqualTo("12.0");
  }

  @Test
  void compact_trailingContent_throws() {
    assertThatThrownBy(() -> ascii("{} {}"))
        .isInstanceOf(IOException.class)
        .hasMessage("trailing content after the JSON value");
  }

  @Test
  void compact_tooDeep_throws() {
    assertThatThrownBy(() -> ascii("[".repeat(9) + "]".repeat(9))).isInstanceOf(IOException.class);
  }

  @Test
  void compact_empty_throws() {
    assertThatThrownBy(() -> ascii("  ")).isInstanceOf(IOException.class).hasMessage("empty body");
  }
}
