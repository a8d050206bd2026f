package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunRoutesTest {
  // These tests drive runs by hand; delivery to the fixture URL would race them to FAILURE.
  private final PortEmulator port = PortEmulator.builder().seed(1).deliverWebhooks(false).start();
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

  private String newRun(String action) {
    return Http.json(
            call("POST", "/v1/actions/" + action + "/runs", "{\"properties\":{\"env\":\"prod\"}}"))
        .at("/run/id")
        .asText();
  }

  @Test
  void createRun_validBody_answers202InProgressRunWithPortId() {
    HttpResponse<String> response =
        call("POST", "/v1/actions/deploy/runs", "{\"properties\":{\"env\":\"prod\"}}");
    JsonNode run = Http.json(response).get("run");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(run.get("id").asText()).matches("r_[A-Za-z0-9]{16}");
    assertThat(run.get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(run.at("/properties/env").asText()).isEqualTo("prod");
    assertThat(run.at("/action/identifier").asText()).isEqualTo("deploy");
  }

  @Test
  void createRun_unknownAction_answers404() {
    HttpResponse<String> response = call("POST", "/v1/actions/nope/runs", "{\"properties\":{}}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo("Action with identifier \"nope\" was not found");
  }

  @Test
  void getRun_v2_rendersActionAsObject() {
    String id = newRun("deploy");
    JsonNode run =
        Http.json(call("GET", "/v1/actions/runs/" + id + "?version=v2", null)).get("run");

    assertThat(run.get("action").get("identifier").asText()).isEqualTo("deploy");
    assertThat(run.get("action").get("title").asText()).isEqualTo("Deploy");
    assertThat(run.get("action").get("icon").asText()).isEqualTo("Rocket");
    assertThat(run.get("action").get("deleted").asBoolean()).isFalse();
    assertThat(run.has("endedAt"))
        .isFalse(); // the spec types endedAt as a date-time: absent, not null
  }

  @Test
  void getRun_v1_rendersActionAsString() {
    String id = newRun("deploy");
    JsonNode run =
        Http.json(call("GET", "/v1/actions/runs/" + id + "?version=v1", null)).get("run");

    assertThat(run.get("action").asText()).isEqualTo("deploy");
  }

  @Test
  void getRun_unknownId_answers404() {
    HttpResponse<String> response = call("GET", "/v1/actions/runs/r_missing?version=v2", null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("not_found");
  }

  @Test
  void patchRun_labelOnly_keepsInProgress() {
    String id = newRun("deploy");
    JsonNode run =
        Http.json(
                call(
                    "PATCH",
                    "/v1/actions/runs/" + id + "?version=v2",
                    "{\"statusLabel\":\"half way\"}"))
            .get("run");

    assertThat(run.get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(run.get("statusLabel").asText()).isEqualTo("half way");
  }

  @Test
  void patchRun_linkTwice_replacesPreviousValue() {
    String id = newRun("deploy");
    call("PATCH", "/v1/actions/runs/" + id, "{\"link\":[\"https://a\",\"https://b\"]}");
    JsonNode run =
        Http.json(call("PATCH", "/v1/actions/runs/" + id, "{\"link\":\"https://c\"}")).get("run");

    assertThat(run.get("link").asText()).isEqualTo("https://c");
    assertThat(port.run(id).orElseThrow().links()).containsExactly("https://c");
  }

  @Test
  void patchRun_status_endsRunAndSetsEndedAt() {
    String id = newRun("deploy");
    JsonNode run =
        Http.json(
                call(
                    "PATCH",
                    "/v1/actions/runs/" + id + "?version=v2",
                    "{\"status\":\"SUCCESS\",\"summary\":\"done\",\"externalRunId\":\"ext-1\"}"))
            .get("run");

    assertThat(run.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(run.get("endedAt").asText()).isNotEmpty();
    assertThat(port.run(id).orElseThrow().isFinished()).isTrue();
  }

  @Test
  void patchRun_badStatusEnum_answers422() {
    String id = newRun("deploy");
    HttpResponse<String> response =
        call("PATCH", "/v1/actions/runs/" + id, "{\"status\":\"DONE\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo(
            "The json provided does not match the route's schema: \"status\" must be one of [SUCCESS, FAILURE], got \"DONE\"");
  }

  @Test
  void patchRun_unknownField_answers422() {
    String id = newRun("deploy");
    HttpResponse<String> response = call("PATCH", "/v1/actions/runs/" + id, "{\"foo\":1}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void patchRun_finishedRun_answers422RunAlreadyFinished() {
    String id = newRun("deploy");
    call("PATCH", "/v1/actions/runs/" + id, "{\"status\":\"FAILURE\"}");
    HttpResponse<String> response =
        call("PATCH", "/v1/actions/runs/" + id, "{\"statusLabel\":\"late\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("run_already_finished");
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo(
            "Action run \""
                + id
                + "\" has already finished with status FAILURE and can no longer be modified");
  }

  @Test
  void patchRun_finishedRunWith409Configured_answers409() {
    try (PortEmulator strict = PortEmulator.builder().finishedRunStatus(409).start()) {
      Http.catalog(strict);
      String id = strict.createRun("deploy", Http.MAPPER.createObjectNode()).id();
      Http strictHttp = new Http(strict);
      strictHttp.call("PATCH", "/v1/actions/runs/" + id, "{\"status\":\"SUCCESS\"}");

      assertThat(
              strictHttp
                  .call("PATCH", "/v1/actions/runs/" + id, "{\"status\":\"SUCCESS\"}")
                  .statusCode())
          .isEqualTo(409);
    }
  }

  @Test
  void patchRun_statusOnSynchronizedRun_answersRunSynchronizedError() {
    String id = newRun("deploy_sync");
    HttpResponse<String> response =
        call("PATCH", "/v1/actions/runs/" + id, "{\"status\":\"SUCCESS\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("run_synchronized_error");
    assertThat(call("PATCH", "/v1/actions/runs/" + id, "{\"statusLabel\":\"ok\"}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void listRuns_filters_returnMatchingRunsNewestFirst() {
    String first = newRun("deploy");
    String second = newRun("deploy");
    String sync = newRun("deploy_sync");
    call(
        "PATCH",
        "/v1/actions/runs/" + first,
        "{\"status\":\"SUCCESS\",\"externalRunId\":\"ext-9\"}");

    JsonNode active =
        Http.json(call("GET", "/v1/actions/runs?version=v2&active=true&action=deploy", null))
            .get("runs");
    JsonNode byExternal =
        Http.json(call("GET", "/v1/actions/runs?external_run_id=ext-9", null)).get("runs");
    JsonNode limited = Http.json(call("GET", "/v1/actions/runs?limit=1", null)).get("runs");

    assertThat(active).hasSize(1);
    assertThat(active.get(0).get("id").asText()).isEqualTo(second);
    assertThat(byExternal.get(0).get("id").asText()).isEqualTo(first);
    assertThat(limited).hasSize(1);
    assertThat(limited.get(0).get("id").asText()).isEqualTo(sync);
  }

  @Test
  void listRuns_limitOutOfRange_answers422() {
    assertThat(call("GET", "/v1/actions/runs?limit=0", null).statusCode()).isEqualTo(422);
  }
}
