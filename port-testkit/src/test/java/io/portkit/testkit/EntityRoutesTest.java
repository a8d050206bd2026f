package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntityRoutesTest {
  private final PortEmulator port = PortEmulator.builder().seed(3).start();
  private final Http http = new Http(port);
  private String token;

  @BeforeEach
  void setUp() {
    Http.catalog(port);
    token = http.token();
  }

  @AfterEach
  void close() {
    port.close();
  }

  private HttpResponse<String> call(String method, String path, String body) {
    return http.send(method, path, body, token);
  }

  @Test
  void postEntity_withRunId_answers201AndTiesEntityToRun() {
    String runId = port.createRun("deploy", Http.MAPPER.createObjectNode()).id();
    HttpResponse<String> response =
        call(
            "POST",
            "/v1/blueprints/team/entities?run_id=" + runId,
            "{\"identifier\":\"core\",\"title\":\"Core\",\"properties\":{}}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(Http.json(response).at("/entity/blueprint").asText()).isEqualTo("team");
    assertThat(port.run(runId).orElseThrow().entities())
        .containsExactly(new TiedEntity("team", "core", "CREATE"));
  }

  @Test
  void postEntity_runFinished_answers422RunAlreadyFinished() {
    String runId = port.createRun("deploy", Http.MAPPER.createObjectNode()).id();
    call("PATCH", "/v1/actions/runs/" + runId, "{\"status\":\"SUCCESS\"}");
    HttpResponse<String> response =
        call("POST", "/v1/blueprints/team/entities?run_id=" + runId, "{\"identifier\":\"core\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo(
            "Entities can be tied to action run \""
                + runId
                + "\" only while it is IN_PROGRESS; it is SUCCESS");
  }

  @Test
  void postEntity_existingWithoutUpsert_answers409() {
    call("POST", "/v1/blueprints/team/entities", "{\"identifier\":\"core\"}");

    assertThat(
            call("POST", "/v1/blueprints/team/entities", "{\"identifier\":\"core\"}").statusCode())
        .isEqualTo(409);
  }

  @Test
  void postEntity_upsertMerge_mergesProperties() {
    call(
        "POST",
        "/v1/blueprints/team/entities",
        "{\"identifier\":\"core\",\"properties\":{\"a\":1,\"b\":2}}");
    call(
        "POST",
        "/v1/blueprints/team/entities?upsert=true&merge=true",
        "{\"identifier\":\"core\",\"properties\":{\"b\":3}}");

    var entity = Http.json(call("GET", "/v1/blueprints/team/entities/core", null)).get("entity");
    assertThat(entity.at("/properties/a").asInt()).isEqualTo(1);
    assertThat(entity.at("/properties/b").asInt()).isEqualTo(3);
  }

  @Test
  void postEntity_upsertWithoutMerge_replacesEntity() {
    call(
        "POST",
        "/v1/blueprints/team/entities",
        "{\"identifier\":\"core\",\"properties\":{\"a\":1}}");
    call(
        "POST",
        "/v1/blueprints/team/entities?upsert=true",
        "{\"identifier\":\"core\",\"properties\":{\"b\":3}}");

    var entity = Http.json(call("GET", "/v1/blueprints/team/entities/core", null)).get("entity");
    assertThat(entity.at("/properties").has("a")).isFalse();
  }

  @Test
  void postEntity_missingRelatedEntity_answers404UnlessCreateMissing() {
    String body = "{\"identifier\":\"api\",\"relations\":{\"team\":\"ghost\"}}";

    assertThat(call("POST", "/v1/blueprints/service/entities", body).statusCode()).isEqualTo(404);
    assertThat(
            call(
                    "POST",
                    "/v1/blueprints/service/entities?create_missing_related_entities=true",
                    body)
                .statusCode())
        .isEqualTo(201);
    assertThat(call("GET", "/v1/blueprints/team/entities/ghost", null).statusCode()).isEqualTo(200);
  }

  @Test
  void getEntity_unknownEntityOrBlueprint_answers404() {
    assertThat(
            Http.json(call("GET", "/v1/blueprints/team/entities/nope", null))
                .get("message")
                .asText())
        .isEqualTo("Entity with identifier \"nope\" was not found");
    assertThat(
            Http.json(call("GET", "/v1/blueprints/nope/entities/x", null)).get("message").asText())
        .isEqualTo("Blueprint with identifier \"nope\" was not found");
  }

  @Test
  void deleteEntity_withDependents_needsDeleteDependents() {
    call("POST", "/v1/blueprints/team/entities", "{\"identifier\":\"core\"}");
    call(
        "POST",
        "/v1/blueprints/service/entities",
        "{\"identifier\":\"api\",\"relations\":{\"team\":\"core\"}}");
    String runId = port.createRun("deploy", Http.MAPPER.createObjectNode()).id();

    assertThat(call("DELETE", "/v1/blueprints/team/entities/core", null).statusCode())
        .isEqualTo(422);
    assertThat(
            call(
                    "DELETE",
                    "/v1/blueprints/team/entities/core?delete_dependents=true&run_id=" + runId,
                    null)
                .statusCode())
        .isEqualTo(200);
    assertThat(call("GET", "/v1/blueprints/service/entities/api", null).statusCode())
        .isEqualTo(404);
    assertThat(port.run(runId).orElseThrow().entities())
        .containsExactly(
            new TiedEntity("team", "core", "DELETE"), new TiedEntity("service", "api", "DELETE"));
  }

  @Test
  void entityId_withEncodedSlash_isDecoded() {
    call("POST", "/v1/blueprints/team/entities", "{\"identifier\":\"a/b+c\"}");

    assertThat(call("GET", "/v1/blueprints/team/entities/a%2Fb+c", null).statusCode())
        .isEqualTo(200);
  }
}
