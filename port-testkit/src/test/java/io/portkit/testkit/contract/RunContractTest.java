package io.portkit.testkit.contract;

import static io.portkit.testkit.contract.PortShapes.ERROR;
import static io.portkit.testkit.contract.PortShapes.RUN;
import static io.portkit.testkit.contract.PortShapes.RUN_LOG;
import static io.portkit.testkit.contract.PortShapes.envelope;
import static io.portkit.testkit.contract.Shape.array;

import org.junit.jupiter.api.Test;

/** Contract tests: the action-run and run-log routes (rendered with {@code version=v2}). */
class RunContractTest extends ContractFixture {
  @Test
  @Covers("POST /v1/actions/{action_identifier}/runs")
  void executeAction() {
    entity("service", "{\"identifier\":\"api\",\"title\":\"API\"}");
    expect(
        api.call("POST", "/v1/actions/deploy/runs", "{\"properties\":{}}"),
        202,
        envelope("run", RUN));
    expect(
        api.call("POST", "/v1/actions/deploy/runs", "{\"properties\":{},\"entity\":\"api\"}"),
        202,
        envelope("run", RUN));
    expect(api.call("POST", "/v1/actions/nope/runs", "{\"properties\":{}}"), 404, ERROR);
    expect(api.call("POST", "/v1/actions/deploy/runs", "{}"), 422, ERROR);
    expectUnauthorized("POST", "/v1/actions/deploy/runs", "{\"properties\":{}}");
  }

  @Test
  @Covers("PATCH /v1/actions/runs/{run_id}")
  void updateRun() {
    String id = run();
    expect(
        api.call(
            "PATCH",
            "/v1/actions/runs/" + id + "?version=v2",
            "{\"statusLabel\":\"x\",\"link\":[\"https://a\"]}"),
        200,
        envelope("run", RUN));
    expect(
        api.call(
            "PATCH",
            "/v1/actions/runs/" + id + "?version=v2",
            "{\"status\":\"SUCCESS\",\"summary\":\"s\"}"),
        200,
        envelope("run", RUN));
    expect(
        api.call("PATCH", "/v1/actions/runs/" + id + "?version=v2", "{\"status\":\"FAILURE\"}"),
        422,
        ERROR);
    expect(api.call("PATCH", "/v1/actions/runs/r_nope?version=v2", "{}"), 404, ERROR);
    expectUnauthorized("PATCH", "/v1/actions/runs/" + id, "{}");
  }

  @Test
  @Covers("GET /v1/actions/runs/{run_id}")
  void getRun() {
    String id = run();
    expect(
        api.call("GET", "/v1/actions/runs/" + id + "?version=v2", null), 200, envelope("run", RUN));
    expect(api.call("GET", "/v1/actions/runs/r_nope", null), 404, ERROR);
    expectUnauthorized("GET", "/v1/actions/runs/" + id, null);
  }

  @Test
  @Covers("GET /v1/actions/runs")
  void listRuns() {
    run();
    expect(api.call("GET", "/v1/actions/runs?version=v2", null), 200, envelope("runs", array(RUN)));
    expect(api.call("GET", "/v1/actions/runs?limit=0", null), 422, ERROR);
    expectUnauthorized("GET", "/v1/actions/runs", null);
  }

  @Test
  @Covers("POST /v1/actions/runs/{run_id}/logs")
  void addLog() {
    String id = run();
    expect(
        api.call("POST", "/v1/actions/runs/" + id + "/logs", "{\"message\":\"m\"}"),
        201,
        envelope("runLog", RUN_LOG));
    expect(api.call("POST", "/v1/actions/runs/" + id + "/logs", "{}"), 422, ERROR);
    expect(api.call("POST", "/v1/actions/runs/r_nope/logs", "{\"message\":\"m\"}"), 404, ERROR);
    expectUnauthorized("POST", "/v1/actions/runs/" + id + "/logs", "{\"message\":\"m\"}");
  }

  @Test
  @Covers("GET /v1/actions/runs/{run_id}/logs")
  void getLogs() {
    String id = run();
    api.call("POST", "/v1/actions/runs/" + id + "/logs", "{\"message\":\"m\"}");
    expect(
        api.call("GET", "/v1/actions/runs/" + id + "/logs", null),
        200,
        envelope("runLogs", array(RUN_LOG)));
    expect(api.call("GET", "/v1/actions/runs/r_nope/logs", null), 404, ERROR);
    expect(api.call("GET", "/v1/actions/runs/" + id + "/logs?limit=51", null), 422, ERROR);
    expectUnauthorized("GET", "/v1/actions/runs/" + id + "/logs", null);
  }
}
