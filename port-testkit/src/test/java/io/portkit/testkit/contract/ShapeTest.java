package io.portkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The shape checker itself fails on what the contract tests rely on it to catch. */
class ShapeTest {
  private static JsonNode json(String text) throws Exception {
    return Api.MAPPER.readTree(text);
  }

  @Test
  void missingRequiredField_wrongType_extraFieldOnClosedObject_areEachReported() throws Exception {
    JsonNode bad = json("{\"ok\":true,\"entity\":{\"identifier\":7,\"relations\":{}},\"extra\":1}");

    assertThatThrownBy(() -> PortShapes.envelope("entity", PortShapes.ENTITY).assertMatches(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("$.entity.identifier: expected a string, got 7")
        .hasMessageContaining("$.entity: required field \"properties\" is missing")
        .hasMessageContaining("$: field \"extra\" is not in the spec's closed object");
  }

  @Test
  void nullForANonNullableDateTime_isReported() throws Exception {
    JsonNode run =
        json(
            "{\"id\":\"r\",\"action\":{\"identifier\":\"a\"},\"properties\":{},\"requiredApproval\":false,"
                + "\"source\":\"API\",\"status\":\"IN_PROGRESS\",\"endedAt\":null,\"entity\":null}");

    assertThatThrownBy(() -> PortShapes.RUN.assertMatches(run))
        .hasMessageContaining("$.endedAt: expected a date-time string, got null")
        .hasMessageContaining("$.entity: expected an object, got null");
  }

  @Test
  void errorEnvelope_withoutMessage_failsFor404ButPassesFor401() throws Exception {
    JsonNode noMessage = json("{\"ok\":false,\"error\":\"x\"}");

    assertThatThrownBy(() -> PortShapes.ERROR.assertMatches(noMessage))
        .hasMessageContaining("required field \"message\" is missing");
    assertThatCode(() -> PortShapes.UNAUTHORIZED.assertMatches(noMessage))
        .doesNotThrowAnyException();
  }
}
