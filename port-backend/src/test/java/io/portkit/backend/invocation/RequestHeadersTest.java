package io.portkit.backend.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeadersTest {
  @Test
  void first_anyCase_found() {
    RequestHeaders h = RequestHeaders.of("X-Port-Timestamp", "1");

    assertThat(h.first("x-port-timestamp")).contains("1");
    assertThat(h.first("X-PORT-TIMESTAMP")).contains("1");
    assertThat(h.first("missing")).isEmpty();
  }

  @Test
  void of_namesDifferingInCase_merged() {
    RequestHeaders h = RequestHeaders.of(Map.of("A", List.of("1"), "a", List.of("2")));

    assertThat(h.all("a")).containsExactlyInAnyOrder("1", "2");
    assertThat(h.names()).hasSize(1);
  }

  @Test
  void of_oddArguments_throwsNamingTheFix() {
    assertThatThrownBy(() -> RequestHeaders.of("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("namesAndValues has an odd length 1: pass name, value pairs");
  }

  @Test
  void toString_namesOnlyNeverValues() {
    RequestHeaders h = RequestHeaders.of("X-Port-Signature", "v1,secretish");

    assertThat(h.toString()).isEqualTo("RequestHeaders[x-port-signature]");
  }
}
