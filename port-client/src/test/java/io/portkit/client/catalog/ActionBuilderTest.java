package io.portkit.client.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ActionBuilderTest {
  private static final InvocationMethod HOOK =
      InvocationMethod.webhook(URI.create("http://127.0.0.1:8080/port"));

  @Test
  void build_withBlueprint_day2ActionWithInputsAndInvocation() {
    Action a =
        Action.builder("deploy")
            .title("Deploy")
            .icon("Rocket")
            .description("Deploys a service")
            .blueprint("service")
            .userInput("env", "string")
            .userInput("replicas", "number")
            .invocationMethod(HOOK.synchronous(true))
            .build();

    assertThat(a.identifier()).isEqualTo("deploy");
    assertThat(a.title()).isEqualTo("Deploy");
    assertThat(a.icon()).isEqualTo("Rocket");
    assertThat(a.description()).isEqualTo("Deploys a service");
    assertThat(a.triggerType()).isEqualTo("self-service");
    assertThat(a.operation()).isEqualTo("DAY-2");
    assertThat(a.trigger().path("blueprintIdentifier").asText()).isEqualTo("service");
    assertThat(a.trigger().at("/userInputs/properties/env/type").asText()).isEqualTo("string");
    assertThat(a.trigger().at("/userInputs/properties/replicas/type").asText()).isEqualTo("number");
    assertThat(a.invocationMethod()).isEqualTo(HOOK.synchronous(true));
    assertThat(a.raw().path("invocationMethod")).isEqualTo(HOOK.synchronous(true).toJsonNode());
  }

  @Test
  void build_withoutBlueprint_createActionWithEmptyInputs() {
    Action a = Action.builder("hello").invocationMethod(HOOK).build();

    assertThat(a.operation()).isEqualTo("CREATE");
    assertThat(a.trigger().has("blueprintIdentifier")).isFalse();
    assertThat(a.trigger().at("/userInputs/properties").isObject()).isTrue();
    assertThat(a.trigger().at("/userInputs/properties").isEmpty()).isTrue();
    assertThat(a.title()).isNull();
    assertThat(a.raw().has("title")).isFalse();
  }

  @Test
  void build_explicitOperation_wins() {
    Action a =
        Action.builder("retire")
            .blueprint("service")
            .operation("DELETE")
            .invocationMethod(HOOK)
            .build();
    assertThat(a.operation()).isEqualTo("DELETE");
  }

  @Test
  void build_withoutInvocationMethod_failsNamingIt() {
    assertThatThrownBy(() -> Action.builder("deploy").blueprint("service").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("deploy has no invocationMethod");
  }

  @Test
  void builder_blankIdentifier_refused() {
    assertThatThrownBy(() -> Action.builder(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action identifier is blank");
  }

  @Test
  void fromJsonText_readsTheSameAsTheTree() {
    Action a =
        Action.fromJson(
            "{\"identifier\":\"deploy\",\"trigger\":{\"type\":\"self-service\","
                + "\"operation\":\"DAY-2\"},\"invocationMethod\":{\"type\":\"WEBHOOK\","
                + "\"url\":\"https://example.com/\",\"agent\":true}}");

    assertThat(a.identifier()).isEqualTo("deploy");
    assertThat(a.operation()).isEqualTo("DAY-2");
    assertThat(a.invocationMethod().agent()).isTrue();
  }

  @Test
  void fromJsonText_notJson_illegalArgument() {
    assertThatThrownBy(() -> Action.fromJson("{\"identifier\":"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("action json is not valid JSON");
  }
}
