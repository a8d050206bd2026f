package io.portkit.backend.invocation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypedInputsTest {
  record Restart(String serviceName, int durationMinutes, Boolean dryRun) {}

  record Explicit(@JsonProperty("Service-Name") String service) {}

  record Validated(int durationMinutes) {
    Validated {
      if (durationMinutes < 1 || durationMinutes > 1440) {
        throw new IllegalArgumentException(
            "duration_minutes must be 1..1440, got " + durationMinutes);
      }
    }
  }

  enum Size {
    SMALL,
    LARGE
  }

  record Nested(Config config, List<String> tables, Size size, Instant at) {}

  record Config(int replicas) {}

  private static RunInvocation run(String inputsJson) {
    String body =
        "{\"port_context\":{\"runId\":\"r_1\",\"action\":\"a\"},\"inputs\":" + inputsJson + "}";
    return new RunInvocationParser().parse(RequestHeaders.empty(), body.getBytes(UTF_8));
  }

  @Test
  void inputs_snakeCaseIds_bindToCamelCaseComponents_unknownInputsIgnored() {
    Restart r =
        run("{\"service_name\":\"payments\",\"duration_minutes\":30,\"extra\":1}")
            .inputs(Restart.class);

    assertThat(r).isEqualTo(new Restart("payments", 30, null));
  }

  @Test
  void inputs_camelCaseIds_bindToo() {
    Restart r =
        run("{\"serviceName\":\"payments\",\"durationMinutes\":5,\"dryRun\":true}")
            .inputs(Restart.class);

    assertThat(r).isEqualTo(new Restart("payments", 5, true));
  }

  @Test
  void inputs_jsonPropertyName_isUsedExactly() {
    assertThat(run("{\"Service-Name\":\"db\"}").inputs(Explicit.class))
        .isEqualTo(new Explicit("db"));
  }

  @Test
  void inputs_wrongType_namesTheInputWhatWasExpectedAndWhatCame() {
    assertThatThrownBy(
            () ->
                run("{\"service_name\":\"x\",\"duration_minutes\":\"abc\"}").inputs(Restart.class))
        .isInstanceOf(InputBindingException.class)
        .hasMessage("input 'duration_minutes': expected a whole number, got \"abc\"")
        .satisfies(
            e -> assertThat(((InputBindingException) e).input()).isEqualTo("duration_minutes"));
  }

  @Test
  void inputs_missingPrimitive_isAnErrorNotZero() {
    assertThatThrownBy(() -> run("{\"service_name\":\"x\"}").inputs(Restart.class))
        .isInstanceOf(InputBindingException.class)
        .hasMessage(
            "input 'duration_minutes' is missing: the action must send it (int cannot be empty;"
                + " declare it as Integer to make it optional)");
  }

  @Test
  void inputs_nullForPrimitive_isAnError() {
    assertThatThrownBy(
            () -> run("{\"service_name\":\"x\",\"duration_minutes\":null}").inputs(Restart.class))
        .isInstanceOf(InputBindingException.class)
        .hasMessage("input 'duration_minutes': expected a whole number, got null");
  }

  @Test
  void inputs_compactConstructorRefuses_itsMessageIsTheSummary() {
    assertThatThrownBy(() -> run("{\"duration_minutes\":0}").inputs(Validated.class))
        .isInstanceOf(InputBindingException.class)
        .hasMessage("invalid inputs: duration_minutes must be 1..1440, got 0");
  }

  @Test
  void inputs_nestedObjectListEnumAndInstant_bind() {
    Nested n =
        run("{\"config\":{\"replicas\":3},\"tables\":[\"a\",\"b\"],\"size\":\"LARGE\","
                + "\"at\":\"2026-12-01T10:00:00Z\"}")
            .inputs(Nested.class);

    assertThat(n)
        .isEqualTo(
            new Nested(
                new Config(3),
                List.of("a", "b"),
                Size.LARGE,
                Instant.parse("2026-12-01T10:00:00Z")));
  }

  @Test
  void inputs_nestedWrongType_namesThePath() {
    assertThatThrownBy(
            () ->
                run("{\"config\":{\"replicas\":\"many\"},\"tables\":[],\"size\":\"SMALL\"}")
                    .inputs(Nested.class))
        .isInstanceOf(InputBindingException.class)
        .hasMessage("input 'config.replicas': expected a whole number, got \"many\"");
  }

  @Test
  void inputs_unknownEnumValue_listsTheChoices() {
    assertThatThrownBy(
            () -> run("{\"config\":{\"replicas\":1},\"size\":\"HUGE\"}").inputs(Nested.class))
        .isInstanceOf(InputBindingException.class)
        .hasMessage("input 'size': expected one of [SMALL, LARGE], got \"HUGE\"");
  }

  @Test
  void inputs_objectWhereAStringBelongs_showsAShortenedValue() {
    String big = "{\"k\":\"" + "x".repeat(100) + "\"}";
    assertThatThrownBy(
            () ->
                run("{\"service_name\":" + big + ",\"duration_minutes\":1}").inputs(Restart.class))
        .isInstanceOf(InputBindingException.class)
        .hasMessageStartingWith("input 'service_name': expected a string, got {\"k\":\"xxx")
        .hasMessageEndingWith("...");
  }

  @Test
  void inputs_rawJsonStillAvailable() {
    assertThat(run("{\"n\":1}").inputs().path("n").asInt()).isEqualTo(1);
  }
}
