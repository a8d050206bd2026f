package io.portkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.PortClient;
import io.portkit.client.run.ActionRun;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.RunLog;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunQuery;
import io.portkit.client.run.RunSynchronizedException;
import io.portkit.client.run.RunUpdate;
import io.portkit.client.testing.FakePortServer;
import io.portkit.client.testing.FakePortServer.Reply;
import io.portkit.client.testing.RecordingSleeper;
import io.portkit.client.testing.TestClients;
import io.portkit.testsupport.MutableClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpRunsApiTest {
  private static final String RUN =
      "{\"ok\":true,\"run\":{\"id\":\"r_1\",\"status\":\"IN_PROGRESS\"}}";
  private final FakePortServer server = FakePortServer.start();
  private final MutableClock clock = MutableClock.standard();
  private final PortClient client =
      TestClients.builder(server, clock, new RecordingSleeper(clock)).build();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void body_onlySetFields_omitsNulls() {
    RunUpdate u = RunUpdate.builder().statusLabel("Half way").build();

    assertThat(HttpRunsApi.body(u).toString()).isEqualTo("{\"statusLabel\":\"Half way\"}");
  }

  @Test
  void body_allFields_usesPortNames() {
    RunUpdate u =
        RunUpdate.builder()
            .status(FinalStatus.FAILURE)
            .statusLabel("l")
            .link("https://a")
            .link("https://b")
            .summary("s")
            .externalRunId("x")
            .build();

    assertThat(HttpRunsApi.body(u).toString())
        .isEqualTo(
            "{\"status\":\"FAILURE\","
                + "\"statusLabel\":\"l\",\"link\":[\"https://a\",\"https://b\"],\"summary\":\"s\","
                + "\"externalRunId\":\"x\"}");
  }

  @Test
  void update_sendsPatchWithVersionV2() {
    server.enqueue("PATCH", "/v1/actions/runs/r_1", Reply.json(200, RUN));

    ActionRun run = client.runs().update("r_1", RunUpdate.builder().summary("done").build());

    assertThat(run.id()).isEqualTo("r_1");
    FakePortServer.Recorded r = server.requests("PATCH", "/v1/actions/runs/r_1").get(0);
    assertThat(r.query()).isEqualTo("version=v2");
    assertThat(r.body()).isEqualTo("{\"summary\":\"done\"}");
  }

  @Test
  void update_runSynchronizedError_becomesExplanatoryException() {
    server.enqueue(
        "PATCH",
        "/v1/actions/runs/r_1",
        Reply.json(
            422,
            "{\"ok\":false,\"error\":\"run_synchronized_error\",\"message\":\"Run is synchronized\"}"));

    assertThatThrownBy(
            () ->
                client
                    .runs()
                    .update("r_1", RunUpdate.builder().status(FinalStatus.SUCCESS).build()))
        .isInstanceOfSatisfying(
            RunSynchronizedException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessage(
            "The action is synchronized: Port sets the run status from the webhook's"
                + " HTTP answer and rejects a status update. Return the outcome as the webhook answer"
                + " (RunContext.Mode.SYNCHRONIZED), or set \"synchronized\": false on the action to"
                + " report the status through the API. Port API PATCH /v1/actions/runs/r_1 failed:"
                + " 422 run_synchronized_error: Run is synchronized");
  }

  @Test
  void addLog_postsMessageAndReadsEntry() {
    server.enqueue(
        "POST",
        "/v1/actions/runs/r_1/logs",
        Reply.json(
            201,
            "{\"ok\":true,"
                + "\"runLog\":{\"id\":\"l1\",\"runId\":\"r_1\",\"message\":\"hi\",\"createdBy\":\"u\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\"}}"));

    RunLogEntry e = client.runs().addLog("r_1", new RunLog("hi", FinalStatus.SUCCESS, "Done"));

    assertThat(e.id()).isEqualTo("l1");
    assertThat(e.message()).isEqualTo("hi");
    assertThat(server.requests("POST", "/v1/actions/runs/r_1/logs").get(0).body())
        .isEqualTo(
            "{\"message\":\"hi\",\"terminationStatus\":\"SUCCESS\",\"statusLabel\":\"Done\"}");
  }

  @Test
  void logs_sendsLimitAndOffset() {
    server.enqueue(
        "GET",
        "/v1/actions/runs/r_1/logs",
        Reply.json(200, "{\"ok\":true,\"runLogs\":[{\"message\":\"a\"},{\"message\":\"b\"}]}"));

    List<RunLogEntry> logs = client.runs().logs("r_1", 50, 10);

    assertThat(logs).extracting(RunLogEntry::message).containsExactly("a", "b");
    assertThat(server.requests("GET", "/v1/actions/runs/r_1/logs").get(0).query())
        .isEqualTo("limit=50&offset=10");
  }

  @Test
  void logs_limitOutOfRange_throws() {
    assertThatThrownBy(() -> client.runs().logs("r_1", 51, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be within 1..50: 51");
  }

  @Test
  void list_sendsFilters() {
    server.enqueue(
        "GET",
        "/v1/actions/runs",
        Reply.json(200, "{\"ok\":true,\"runs\":[{\"id\":\"r_1\",\"status\":\"IN_PROGRESS\"}]}"));

    List<ActionRun> runs =
        client
            .runs()
            .list(
                RunQuery.byExternalRunId("ext 1")
                    .withActive(true)
                    .withAction("deploy")
                    .withLimit(5));

    assertThat(runs).extracting(ActionRun::id).containsExactly("r_1");
    assertThat(server.requests("GET", "/v1/actions/runs").get(0).query())
        .isEqualTo("version=v2&active=true&action=deploy&external_run_id=ext%201&limit=5");
  }

  @Test
  void create_postsPropertiesAndEntity() {
    server.enqueue("POST", "/v1/actions/deploy/runs", Reply.json(202, RUN));

    client.runs().create("deploy", Map.of("env", "prod"), "svc/1");

    assertThat(server.requests("POST", "/v1/actions/deploy/runs").get(0).body())
        .isEqualTo("{\"properties\":{\"env\":\"prod\"},\"entity\":\"svc/1\"}");
  }

  @Test
  void get_runIdWithSlash_isEncodedAsOneSegment() {
    server.enqueue("GET", "/v1/actions/runs/a%2Fb", Reply.json(200, RUN));

    assertThat(client.runs().get("a/b").id()).isEqualTo("r_1");
  }

  @Test
  void get_successButNotJson_throwsApiExceptionWithBody() {
    server.enqueue("GET", "/v1/actions/runs/r_1", Reply.json(200, "<html>proxy</html>"));

    assertThatThrownBy(() -> client.runs().get("r_1"))
        .isInstanceOfSatisfying(
            io.portkit.client.PortApiException.class,
            e -> assertThat(e.responseBody()).isEqualTo("<html>proxy</html>"))
        .hasMessage("Port API GET /v1/actions/runs/r_1 failed: 200: the answer is not JSON");
  }
}
