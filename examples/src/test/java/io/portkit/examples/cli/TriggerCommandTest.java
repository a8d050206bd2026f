package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerCommandTest {
  @Test
  void properties_jsonValuesParsedOthersKeptAsText() {
    Map<String, Object> properties =
        TriggerCommand.properties(
            List.of(
                "ip=203.0.113.7",
                "duration_minutes=30",
                "tables=[\"orders\",\"customers\"]",
                "note=1 2",
                "flag=true",
                "empty=",
                "eq=a=b"));

    assertThat(properties.get("ip")).isEqualTo("203.0.113.7");
    assertThat(((JsonNode) properties.get("duration_minutes")).asInt()).isEqualTo(30);
    assertThat(properties.get("tables").toString()).isEqualTo("[\"orders\",\"customers\"]");
    assertThat(properties.get("note")).isEqualTo("1 2");
    assertThat(((JsonNode) properties.get("flag")).asBoolean()).isTrue();
    assertThat(properties.get("empty")).isEqualTo("");
    assertThat(properties.get("eq")).isEqualTo("a=b");
  }
}
