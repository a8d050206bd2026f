package io.portkit.testkit.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TriggerTemplateTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode DATA =
      json(
          """
      {"inputs":{"env":"prod","replicas":3},"trigger":{"by":{"user":{"email":"a@b.c"}},"operation":"DAY-2"},
       "event":null,"entity":{},"action":{"identifier":"deploy","blueprint":"service"},
       "run":{"id":"r_1"},"secrets":{"token":"s3cr3t"}}""");

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void render_spreadValue_mergesObjectIntoParent() {
    JsonNode out =
        TriggerTemplate.render(
            json(
                """
        {"{{ spreadValue() }}":"{{ .inputs }}","port_context":{"runId":"{{ .run.id }}"}}"""),
            DATA);

    assertThat(out)
        .isEqualTo(
            json(
                """
        {"env":"prod","replicas":3,"port_context":{"runId":"r_1"}}"""));
  }

  @Test
  void render_keyEvaluatingToNull_dropsEntry() {
    JsonNode out =
        TriggerTemplate.render(
            json(
                """
        {"{{ .event }}":"gone","{{ .action.identifier }}":"kept","plain":1}"""),
            DATA);

    assertThat(out).isEqualTo(json("{\"deploy\":\"kept\",\"plain\":1}"));
  }

  @Test
  void render_wholeStringTemplate_yieldsJsonValue() {
    JsonNode out =
        TriggerTemplate.render(
            json(
                """
        {"n":"{{ .inputs.replicas }}","o":"{{ .trigger.by }}","none":"{{ .event }}","e":"{{ .entity }}","a":["{{ .run.id }}",7]}"""),
            DATA);

    assertThat(out)
        .isEqualTo(
            json(
                """
        {"n":3,"o":{"user":{"email":"a@b.c"}},"none":null,"e":{},"a":["r_1",7]}"""));
  }

  @Test
  void render_textAroundTemplates_interpolates() {
    JsonNode out =
        TriggerTemplate.render(
            json(
                """
        {"msg":"deploy {{ .inputs.env }} x{{ .inputs.replicas }} by {{ .trigger.by.user.email }}{{ .event }}"}"""),
            DATA);

    assertThat(out.get("msg").asText()).isEqualTo("deploy prod x3 by a@b.c");
  }

  @Test
  void renderText_headerAndUrl_interpolateSecretsAndValues() {
    assertThat(TriggerTemplate.renderText("{{ .run.id }}", DATA)).isEqualTo("r_1");
    assertThat(TriggerTemplate.renderText("https://h/{{ .secrets.token }}/x", DATA))
        .isEqualTo("https://h/s3cr3t/x");
    assertThat(TriggerTemplate.renderText("{{ .inputs }}", DATA))
        .isEqualTo("{\"env\":\"prod\",\"replicas\":3}");
    assertThat(TriggerTemplate.renderText("{{ .event }}", DATA)).isNull();
  }

  @Test
  void render_jqFunctions_useRealJq() {
    JsonNode out =
        TriggerTemplate.render(
            json(
                """
        {"k":"{{ .inputs | keys }}","u":"{{ .inputs.env | ascii_upcase }}","alt":"{{ .inputs.missing // \\"dflt\\" }}"}"""),
            DATA);

    assertThat(out)
        .isEqualTo(json("{\"k\":[\"env\",\"replicas\"],\"u\":\"PROD\",\"alt\":\"dflt\"}"));
  }

  @Test
  void render_invalidJq_namesExpressionAndPlace() {
    assertThatThrownBy(
            () -> TriggerTemplate.render(json("{\"a\":{\"b\":\"{{ .inputs[ }}\"}}"), DATA))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("jq expression \".inputs[\" does not compile: ");
  }

  @Test
  void render_spreadOfNonObject_explains() {
    assertThatThrownBy(
            () -> TriggerTemplate.render(json("{\"{{ spreadValue() }}\":\"{{ .run.id }}\"}"), DATA))
        .isInstanceOf(TemplateException.class)
        .hasMessage("spreadValue() at $.{{ spreadValue() }} needs an object value, got string");
  }
}
