package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminRoutesTest {
  private final PortEmulator port = PortEmulator.builder().seed(4).start();
  private final Http http = new Http(port);

  @AfterEach
  void close() {
    port.close();
  }

  @Test
  void runById_returnsLogsLinksAndTiedEntities() {
    Http.catalog(port);
    String token = http.token();
    http.send("POST", "/v1/blueprints/service/entities", "{\"identifier\":\"api\"}", token);
    String id = port.createRun("deploy", Http.MAPPER.createObjectNode(), "api").id();
    http.send(
        "PATCH",
        "/v1/actions/runs/" + id,
        "{\"link\":[\"https://ci/1\"],\"statusLabel\":\"x\"}",
        token);
    http.send("POST", "/v1/actions/runs/" + id + "/logs", "{\"message\":\"m\"}", token);

    JsonNode run = Http.json(http.send("GET", "/__emulator/runs/" + id, null, null)).get("run");
    JsonNode v1 = Http.json(http.send("GET", "/v1/actions/runs/" + id, null, token)).get("run");

    assertThat(run.get("statusLabel").asText()).isEqualTo("x");
    assertThat(run.at("/links/0").asText()).isEqualTo("https://ci/1");
    assertThat(run.at("/logs/0/message").asText()).isEqualTo("m");
    assertThat(run.get("entity").asText()).isEqualTo("api");
    assertThat(v1.get("relatedEntityExists").asBoolean()).isTrue();
    assertThat(http.send("GET", "/__emulator/runs/r_none", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void faultsRoute_listAndClear() {
    http.send(
        "POST",
        "/__emulator/faults",
        "{\"type\":\"drop\",\"times\":2,\"path\":\"/v1/actions\"}",
        null);

    JsonNode listed = Http.json(http.send("GET", "/__emulator/faults", null, null)).get("faults");
    assertThat(listed.get(0).asText()).isEqualTo("Fault[DROP x2 * /v1/actions*] remaining=2");
    assertThat(http.send("DELETE", "/__emulator/faults", null, null).statusCode()).isEqualTo(200);
    assertThat(Http.json(http.send("GET", "/__emulator/faults", null, null)).get("faults"))
        .isEmpty();
  }

  @Test
  void expireTokensRoute_revokesIssuedTokens() {
    String token = http.token();

    http.send("POST", "/__emulator/expire-tokens", null, null);

    assertThat(Http.json(http.send("GET", "/v1/actions/runs", null, token)).get("error").asText())
        .isEqualTo("token_expired");
  }

  @Test
  void createRun_unknownEntity_answers404() {
    Http.catalog(port);

    var response =
        http.call("POST", "/v1/actions/deploy/runs", "{\"properties\":{},\"entity\":\"ghost\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo("Entity with identifier \"ghost\" was not found");
  }
}
