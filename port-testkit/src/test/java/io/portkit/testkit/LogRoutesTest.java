package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogRoutesTest {
  private final PortEmulator port = PortEmulator.builder().seed(2).start();
  private final Http http = new Http(port);
  private String token;
  private String runId;

  @BeforeEach
  void setUp() {
    Http.catalog(port);
    token = http.token();
    runId = port.createRun("deploy", Http.MAPPER.createObjectNode()).id();
  }

  @AfterEach
  void close() {
    port.close();
  }

  private HttpResponse<String> log(String body) {
    return http.send("POST", "/v1/actions/runs/" + runId + "/logs", body, token);
  }

  @Test
  void postLog_message_answers201WithRunLog() {
    HttpResponse<String> response = log("{\"message\":\"hello\"}");
    JsonNode runLog = Http.json(response).get("runLog");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(runLog.get("runId").asText()).isEqualTo(runId);
    assertThat(runLog.get("message").asText()).isEqualTo("hello");
    assertThat(port.run(runId).orElseThrow().logs())
        .extracting(RunLogEntry::message)
        .containsExactly("hello");
  }

  @Test
  void postLog_terminationStatus_endsRun() {
    log("{\"message\":\"bye\",\"terminationStatus\":\"FAILURE\",\"statusLabel\":\"broken\"}");

    EmulatedRun run = port.run(runId).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(run.statusLabel()).isEqualTo("broken");
    assertThat(run.endedAt()).isNotNull();
  }

  @Test
  void postLog_afterTermination_answers422RunAlreadyFinished() {
    log("{\"message\":\"bye\",\"terminationStatus\":\"SUCCESS\"}");
    HttpResponse<String> response = log("{\"message\":\"late\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("run_already_finished");
  }

  @Test
  void postLog_badTerminationStatus_answers422() {
    HttpResponse<String> response = log("{\"message\":\"x\",\"terminationStatus\":\"DONE\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo(
            "The json provided does not match the route's schema: \"terminationStatus\" must be one of [SUCCESS, FAILURE], got \"DONE\"");
  }

  @Test
  void postLog_unknownField_answers422() {
    assertThat(log("{\"message\":\"x\",\"foo\":true}").statusCode()).isEqualTo(422);
  }

  @Test
  void postLog_missingMessage_answers422() {
    HttpResponse<String> response = log("{\"statusLabel\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo("The json provided does not match the route's schema: \"message\" is required");
  }

  @Test
  void postLog_unknownRun_answers404() {
    HttpResponse<String> response =
        http.send("POST", "/v1/actions/runs/r_nope/logs", "{\"message\":\"x\"}", token);

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void getLogs_limitAndOffset_pageInOrder() {
    for (int i = 0; i < 5; i++) {
      log("{\"message\":\"line " + i + "\"}");
    }
    JsonNode page =
        Http.json(
                http.send(
                    "GET", "/v1/actions/runs/" + runId + "/logs?limit=2&offset=1", null, token))
            .get("runLogs");

    assertThat(page).hasSize(2);
    assertThat(page.get(0).get("message").asText()).isEqualTo("line 1");
    assertThat(page.get(1).get("message").asText()).isEqualTo("line 2");
  }

  @Test
  void getLogs_limitAbove50_answers422() {
    assertThat(
            http.send("GET", "/v1/actions/runs/" + runId + "/logs?limit=51", null, token)
                .statusCode())
        .isEqualTo(422);
  }

  @Test
  void postLog_terminationOnSynchronizedRun_answersRunSynchronizedError() {
    String sync = port.createRun("deploy_sync", Http.MAPPER.createObjectNode()).id();
    HttpResponse<String> response =
        http.send(
            "POST",
            "/v1/actions/runs/" + sync + "/logs",
            "{\"message\":\"x\",\"terminationStatus\":\"SUCCESS\"}",
            token);

    assertThat(Http.json(response).get("error").asText()).isEqualTo("run_synchronized_error");
  }
}
