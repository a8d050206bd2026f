package io.portkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathsTest {
  @Test
  void segment_reservedCharacters_percentEncoded() {
    assertThat(Paths.segment("a/b c?d#e+f", "id")).isEqualTo("a%2Fb%20c%3Fd%23e%2Bf");
  }

  @Test
  void segment_blank_throwsNamingParameter() {
    assertThatThrownBy(() -> Paths.segment("", "runId"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runId is blank");
  }

  @Test
  void query_skipsNullsKeepsOrder() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("a", 1);
    q.put("b", null);
    q.put("c", "x&y");

    assertThat(Paths.query(q)).isEqualTo("?a=1&c=x%26y");
    assertThat(Paths.query(Map.of())).isEmpty();
  }
}
