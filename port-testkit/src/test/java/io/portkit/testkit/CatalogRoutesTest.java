package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.catalog.Action;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogRoutesTest {
  private final PortEmulator port = PortEmulator.start();
  private final Http http = new Http(port);

  @AfterEach
  void close() {
    port.close();
  }

  @Test
  void postBlueprintAndAction_thenGet_returnsThemWithInvocationMethodKept() {
    String token = http.token();
    assertThat(http.send("POST", "/v1/blueprints", Http.BLUEPRINT, token).statusCode())
        .isEqualTo(201);
    http.send("POST", "/v1/blueprints", Http.TEAM_BLUEPRINT, token);
    assertThat(http.send("POST", "/v1/actions", Http.action("deploy", true), token).statusCode())
        .isEqualTo(200);

    var blueprint =
        Http.json(http.send("GET", "/v1/blueprints/service", null, token)).get("blueprint");
    var action = Http.json(http.send("GET", "/v1/actions/deploy", null, token)).get("action");
    assertThat(blueprint.get("title").asText()).isEqualTo("Service");
    assertThat(action.at("/invocationMethod/synchronized").asBoolean()).isTrue();
    assertThat(action.at("/invocationMethod/url").asText()).isEqualTo("http://127.0.0.1:9/hook");
  }

  @Test
  void getBlueprintAndAction_unknown_answer404() {
    String token = http.token();
    HttpResponse<String> blueprint = http.send("GET", "/v1/blueprints/nope", null, token);
    HttpResponse<String> action = http.send("GET", "/v1/actions/nope", null, token);

    assertThat(blueprint.statusCode()).isEqualTo(404);
    assertThat(action.statusCode()).isEqualTo(404);
    assertThat(Http.json(action).get("message").asText())
        .isEqualTo("Action with identifier \"nope\" was not found");
  }

  @Test
  void defineAction_withoutInvocationMethod_throwsNamingTheField() {
    assertThatThrownBy(
            () -> port.defineAction(Action.fromJson("{\"identifier\":\"x\",\"trigger\":{}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "The json provided does not match the route's schema: \"invocationMethod\" is required");
  }

  @Test
  void defineBlueprint_duplicate_throwsIdentifierTaken() {
    port.defineBlueprint(Http.TEAM_BLUEPRINT);

    assertThatThrownBy(() -> port.defineBlueprint(Http.TEAM_BLUEPRINT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A blueprint with identifier \"team\" already exists (identifier_taken)");
  }
}
