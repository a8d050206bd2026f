package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entity writes held to Port's API reference: generated identifiers, relations not defined on the
 * blueprint, validation only, teams, and the PUT, PATCH, list and bulk routes.
 */
class EntityWritesTest {
  private static final String SERVICE =
      "{\"identifier\":\"svc\",\"title\":\"Service\",\"schema\":{\"properties\":{"
          + "\"tier\":{\"type\":\"string\",\"enum\":[\"gold\",\"silver\"]},"
          + "\"replicas\":{\"type\":\"number\"},\"url\":{\"type\":\"string\",\"format\":\"url\"}},"
          + "\"required\":[\"tier\"]},"
          + "\"relations\":{\"owner\":{\"target\":\"team\",\"required\":false,\"many\":false}}}";

  private final PortEmulator port = PortEmulator.builder().seed(8).start();
  private final Http http = new Http(port);
  private String token;

  @BeforeEach
  void setUp() {
    port.defineBlueprint(Http.TEAM_BLUEPRINT);
    port.defineBlueprint(SERVICE);
    token = http.token();
  }

  @AfterEach
  void close() {
    port.close();
  }

  private HttpResponse<String> call(String method, String path, String body) {
    return http.send(method, path, body, token);
  }

  private JsonNode json(String method, String path, String body) {
    return Http.json(call(method, path, body));
  }

  @Test
  void post_withoutIdentifier_createsEntityWithGeneratedIdentifier() {
    HttpResponse<String> created =
        call(
            "POST",
            "/v1/blueprints/svc/entities",
            "{\"title\":\"Anon\",\"properties\":{\"tier\":\"gold\"}}");

    assertThat(created.statusCode()).isEqualTo(201);
    String id = Http.json(created).at("/entity/identifier").asText();
    assertThat(id).matches("e_[A-Za-z0-9]{16}");
    assertThat(json("GET", "/v1/blueprints/svc/entities/" + id, null).at("/entity/title").asText())
        .isEqualTo("Anon");
  }

  @Test
  void post_relationNotDefinedOnBlueprint_answers404NamingTheRelations() {
    HttpResponse<String> response =
        call(
            "POST",
            "/v1/blueprints/svc/entities?upsert=true",
            "{\"identifier\":\"api\",\"properties\":{\"tier\":\"gold\"},\"relations\":{\"nope\":\"x\"}}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo(
            "Relation \"nope\" is not defined on blueprint \"svc\"; its relations are [owner]");
  }

  @Test
  void post_validationOnly_validatesAndStoresNothing() {
    HttpResponse<String> valid =
        call(
            "POST",
            "/v1/blueprints/svc/entities?validation_only=true",
            "{\"identifier\":\"api\",\"properties\":{\"tier\":\"gold\"}}");
    HttpResponse<String> invalid =
        call(
            "POST",
            "/v1/blueprints/svc/entities?validation_only=true",
            "{\"identifier\":\"api\",\"properties\":{\"tier\":\"bronze\"}}");

    assertThat(valid.statusCode()).isEqualTo(201);
    assertThat(Http.json(valid).at("/entity/identifier").asText()).isEqualTo("api");
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(call("GET", "/v1/blueprints/svc/entities/api", null).statusCode()).isEqualTo(404);
  }

  @Test
  void post_teamThatDoesNotExist_answers422_andAnExistingTeamIsAccepted() {
    String body =
        "{\"identifier\":\"api\",\"team\":\"platform\",\"properties\":{\"tier\":\"gold\"}}";
    HttpResponse<String> unknown = call("POST", "/v1/blueprints/svc/entities", body);
    HttpResponse<String> team =
        call(
            "POST",
            "/v1/blueprints/_team/entities",
            "{\"identifier\":\"platform\",\"title\":\"Platform\"}");
    HttpResponse<String> known = call("POST", "/v1/blueprints/svc/entities", body);

    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(Http.json(unknown).get("error").asText()).isEqualTo("team_not_found");
    assertThat(team.statusCode()).isEqualTo(201);
    assertThat(known.statusCode()).isEqualTo(201);
    assertThat(Http.json(known).at("/entity/team").toString()).isEqualTo("[\"platform\"]");
  }

  @Test
  void systemBlueprints_userAndTeam_exist() {
    assertThat(json("GET", "/v1/blueprints/_team", null).at("/blueprint/identifier").asText())
        .isEqualTo("_team");
    assertThat(
            json("GET", "/v1/blueprints/_user", null)
                .at("/blueprint/relations/port_team/target")
                .asText())
        .isEqualTo("_team");
    assertThat(call("DELETE", "/v1/blueprints/_user", null).statusCode()).isEqualTo(422);
  }

  @Test
  void patch_mergesTheGivenFieldsIntoTheExistingEntity() {
    call(
        "POST",
        "/v1/blueprints/svc/entities",
        "{\"identifier\":\"api\",\"title\":\"A\",\"properties\":{\"tier\":\"gold\",\"replicas\":1}}");

    HttpResponse<String> patched =
        call("PATCH", "/v1/blueprints/svc/entities/api", "{\"properties\":{\"replicas\":3}}");

    assertThat(patched.statusCode()).isEqualTo(200);
    JsonNode entity = Http.json(patched).get("entity");
    assertThat(entity.at("/properties/tier").asText()).isEqualTo("gold");
    assertThat(entity.at("/properties/replicas").asInt()).isEqualTo(3);
    assertThat(entity.get("title").asText()).isEqualTo("A");
    assertThat(call("PATCH", "/v1/blueprints/svc/entities/ghost", "{}").statusCode())
        .isEqualTo(404);
    assertThat(call("PATCH", "/v1/blueprints/svc/entities/api", "{\"color\":\"red\"}").statusCode())
        .isEqualTo(422);
  }

  @Test
  void put_replacesTheWholeEntity() {
    call(
        "POST",
        "/v1/blueprints/svc/entities",
        "{\"identifier\":\"api\",\"title\":\"A\",\"properties\":{\"tier\":\"gold\",\"replicas\":1}}");

    HttpResponse<String> replaced =
        call("PUT", "/v1/blueprints/svc/entities/api", "{\"properties\":{\"tier\":\"silver\"}}");

    assertThat(replaced.statusCode()).isEqualTo(200);
    JsonNode entity = Http.json(replaced).get("entity");
    assertThat(entity.at("/properties").toString()).isEqualTo("{\"tier\":\"silver\"}");
    assertThat(entity.has("title")).isFalse();
    assertThat(
            call(
                    "PUT",
                    "/v1/blueprints/svc/entities/api",
                    "{\"identifier\":\"other\",\"properties\":{\"tier\":\"gold\"}}")
                .statusCode())
        .isEqualTo(422);
  }

  @Test
  void list_returnsEveryEntityOfTheBlueprintWithIncludeAndExclude() {
    call(
        "POST",
        "/v1/blueprints/svc/entities",
        "{\"identifier\":\"a\",\"title\":\"A\",\"properties\":{\"tier\":\"gold\"}}");
    call(
        "POST",
        "/v1/blueprints/svc/entities",
        "{\"identifier\":\"b\",\"title\":\"B\",\"properties\":{\"tier\":\"silver\"}}");

    JsonNode all = json("GET", "/v1/blueprints/svc/entities", null);
    JsonNode some =
        json("GET", "/v1/blueprints/svc/entities?include=identifier&include=properties.tier", null);

    assertThat(all.get("entities")).hasSize(2);
    assertThat(some.get("entities").get(1).toString())
        .isEqualTo("{\"identifier\":\"b\",\"properties\":{\"tier\":\"silver\"}}");
    assertThat(call("GET", "/v1/blueprints/nope/entities", null).statusCode()).isEqualTo(404);
  }

  @Test
  void getOne_include_returnsOnlyThoseFields() {
    call(
        "POST",
        "/v1/blueprints/svc/entities",
        "{\"identifier\":\"a\",\"title\":\"A\",\"properties\":{\"tier\":\"gold\",\"replicas\":2}}");

    JsonNode entity =
        json("GET", "/v1/blueprints/svc/entities/a?include=title&include=properties.replicas", null)
            .get("entity");
    JsonNode excluded =
        json("GET", "/v1/blueprints/svc/entities/a?exclude=properties&exclude=createdBy", null)
            .get("entity");

    assertThat(entity.toString()).isEqualTo("{\"title\":\"A\",\"properties\":{\"replicas\":2}}");
    assertThat(excluded.has("properties")).isFalse();
    assertThat(excluded.has("createdBy")).isFalse();
    assertThat(excluded.get("identifier").asText()).isEqualTo("a");
  }

  @Test
  void bulk_writesEachEntityOnItsOwnAndReportsFailuresWith207() {
    String runId = port.createRun(action(), Http.MAPPER.createObjectNode()).id();
    HttpResponse<String> response =
        call(
            "POST",
            "/v1/blueprints/svc/entities/bulk?upsert=true&run_id=" + runId,
            "{\"entities\":[{\"identifier\":\"a\",\"properties\":{\"tier\":\"gold\"}},"
                + "{\"identifier\":\"b\",\"properties\":{\"tier\":\"bronze\"}},"
                + "{\"properties\":{\"tier\":\"silver\"}}]}");

    assertThat(response.statusCode()).isEqualTo(207);
    JsonNode body = Http.json(response);
    assertThat(body.get("entities")).hasSize(2);
    assertThat(body.at("/entities/0").toString())
        .isEqualTo("{\"created\":true,\"identifier\":\"a\",\"index\":0}");
    assertThat(body.at("/entities/1/identifier").asText()).startsWith("e_");
    assertThat(body.at("/errors/0/index").asInt()).isEqualTo(1);
    assertThat(body.at("/errors/0/statusCode").asInt()).isEqualTo(422);
    assertThat(body.at("/errors/0/message").asText()).contains("\"tier\"").contains("bronze");
    assertThat(port.run(runId).orElseThrow().entities()).hasSize(2);
    assertThat(
            call(
                    "POST",
                    "/v1/blueprints/svc/entities/bulk?upsert=true",
                    "{\"entities\":[{\"identifier\":\"c\",\"properties\":{\"tier\":\"gold\"}}]}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void bulk_moreThanTwentyEntities_answers422() {
    StringBuilder many = new StringBuilder("{\"entities\":[");
    for (int i = 0; i < 21; i++) {
      many.append(i == 0 ? "" : ",").append("{\"identifier\":\"e").append(i).append("\"}");
    }
    HttpResponse<String> response =
        call("POST", "/v1/blueprints/svc/entities/bulk?upsert=true", many.append("]}").toString());

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText())
        .contains("1 to 20")
        .contains("21 items");
  }

  private String action() {
    port.defineAction(
        io.portkit.client.catalog.Action.fromJson(
            "{\"identifier\":\"a1\",\"trigger\":{\"type\":\"self-service\",\"operation\":\"DAY-2\","
                + "\"blueprintIdentifier\":\"svc\"},\"invocationMethod\":{\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:9/\"}}"));
    return "a1";
  }
}
