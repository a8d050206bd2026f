package io.portkit.testkit.contract;

import static io.portkit.testkit.contract.PortShapes.ERROR;
import static io.portkit.testkit.contract.PortShapes.OK;
import static io.portkit.testkit.contract.PortShapes.envelope;
import static io.portkit.testkit.contract.Shape.anyObject;
import static io.portkit.testkit.contract.Shape.array;
import static io.portkit.testkit.contract.Shape.nullable;
import static io.portkit.testkit.contract.Shape.object;
import static io.portkit.testkit.contract.Shape.oneOf;
import static io.portkit.testkit.contract.Shape.string;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests: the workflow routes (Port Workflows, beta). The node-run PATCH answers {@code
 * {"ok": true}} as Port's API reference gives it; the other shapes are the emulator's (ADR 0214).
 */
class WorkflowContractTest extends ContractFixture {
  private static final Shape NODE_RUN =
      object()
          .required("identifier", string())
          .required("status", oneOf(Set.of("IN_PROGRESS", "COMPLETED")))
          .required("result", nullable(oneOf(Set.of("SUCCESS", "FAILED", "CANCELLED"))))
          .required("output", anyObject())
          .required("nodeRunLogs", array(anyObject()));
  private static final Shape WORKFLOW_RUN =
      object()
          .required("identifier", string())
          .required("status", oneOf(Set.of("IN_PROGRESS", "COMPLETED")))
          .required("result", nullable(oneOf(Set.of("SUCCESS", "FAILED", "CANCELLED"))))
          .required("nodeRuns", array(NODE_RUN))
          .required("variables", anyObject());

  private final HttpServer accepting = acceptingServer();

  WorkflowContractTest() {
    port.defineWorkflow(
        """
        {"identifier":"w","nodes":[
          {"identifier":"trigger","config":{"type":"SELF_SERVE_TRIGGER"}},
          {"identifier":"work","config":{"type":"WEBHOOK","synchronized":false,
            "url":"http://127.0.0.1:%d/"}}],
         "connections":[{"sourceIdentifier":"trigger","targetIdentifier":"work"}]}"""
            .formatted(accepting.getAddress().getPort()));
  }

  /** Answers 202 to everything: an asynchronous node that waits for its PATCH. */
  private static HttpServer acceptingServer() {
    try {
      HttpServer server =
          io.portkit.webhook.internal.JdkHttpServerDefaults.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      server.createContext(
          "/",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void stopServer() {
    accepting.stop(0);
  }

  /** Starts a run and returns {workflow run id, node run id} once its node was called. */
  private String[] started() {
    String run =
        api.call("POST", "/v1/workflows/w/runs", "{\"inputs\":{}}")
            .body()
            .at("/workflowRun/identifier")
            .asText();
    String node = port.awaitNodeDelivery(run, "work", Duration.ofSeconds(10)).id();
    return new String[] {run, node};
  }

  @Test
  @Covers("POST /v1/workflows/{workflow_identifier}/runs")
  void runWorkflow() {
    expect(
        api.call("POST", "/v1/workflows/w/runs", "{\"inputs\":{\"a\":1}}"),
        202,
        envelope("workflowRun", WORKFLOW_RUN));
    expect(api.call("POST", "/v1/workflows/nope/runs", "{}"), 404, ERROR);
    expect(api.call("POST", "/v1/workflows/w/runs", "{\"inputs\":[]}"), 422, ERROR);
    expectUnauthorized("POST", "/v1/workflows/w/runs", "{}");
  }

  @Test
  @Covers("GET /v1/workflows/runs/{workflow_run_identifier}")
  void getWorkflowRun() {
    String[] ids = started();
    expect(
        api.call("GET", "/v1/workflows/runs/" + ids[0], null),
        200,
        envelope("workflowRun", WORKFLOW_RUN));
    expect(api.call("GET", "/v1/workflows/runs/wfr_nope", null), 404, ERROR);
    expectUnauthorized("GET", "/v1/workflows/runs/" + ids[0], null);
  }

  @Test
  @Covers("POST /v1/workflows/runs/{workflow_run_identifier}/cancel")
  void cancelWorkflowRun() {
    String[] ids = started();
    expect(
        api.call("POST", "/v1/workflows/runs/" + ids[0] + "/cancel", "{}"),
        200,
        envelope("workflowRun", WORKFLOW_RUN));
    expect(
        api.call("PATCH", "/v1/workflows/nodes/runs/" + ids[1], "{\"status\":\"IN_PROGRESS\"}"),
        422,
        ERROR);
    expect(api.call("POST", "/v1/workflows/runs/wfr_nope/cancel", "{}"), 404, ERROR);
    expectUnauthorized("POST", "/v1/workflows/runs/" + ids[0] + "/cancel", "{}");
  }

  @Test
  @Covers("PATCH /v1/workflows/nodes/runs/{node_run_identifier}")
  void updateNodeRun() {
    String[] ids = started();
    String path = "/v1/workflows/nodes/runs/" + ids[1];
    expect(
        api.call(
            "PATCH",
            path,
            "{\"status\":\"IN_PROGRESS\",\"externalRunId\":\"x-1\",\"logs\":[{\"logLevel\":\"INFO\","
                + "\"log\":\"go\",\"tags\":{\"k\":\"v\"}}]}"),
        200,
        OK);
    expect(api.call("PATCH", path, "{\"status\":\"COMPLETED\"}"), 422, ERROR);
    expect(api.call("PATCH", path, "{\"logs\":[{\"logLevel\":\"LOUD\"}]}"), 422, ERROR);
    expect(
        api.call(
            "PATCH",
            path,
            "{\"status\":\"COMPLETED\",\"result\":\"SUCCESS\",\"output\":{\"a\":1}}"),
        200,
        OK);
    expect(api.call("PATCH", path, "{\"status\":\"COMPLETED\",\"result\":\"FAILED\"}"), 422, ERROR);
    expect(api.call("PATCH", "/v1/workflows/nodes/runs/wfnr_nope", "{}"), 404, ERROR);
    expectUnauthorized("PATCH", path, "{}");
  }

  @Test
  @Covers("POST /v1/workflows/nodes/runs/{node_run_identifier}/logs")
  void addNodeRunLogs() {
    String[] ids = started();
    String path = "/v1/workflows/nodes/runs/" + ids[1] + "/logs";
    expect(
        api.call("POST", path, "{\"logs\":[{\"level\":\"WARN\",\"message\":\"careful\"}]}"),
        201,
        OK);
    expect(api.call("POST", path, "{\"logs\":[{\"level\":\"INFO\"}]}"), 422, ERROR);
    expect(
        api.call("POST", "/v1/workflows/nodes/runs/wfnr_nope/logs", "{\"logs\":[]}"), 404, ERROR);
    expectUnauthorized("POST", path, "{\"logs\":[]}");
  }

  @Test
  @Covers("GET /v1/workflows/nodes/runs/{node_run_identifier}/logs")
  void getNodeRunLogs() {
    String[] ids = started();
    String path = "/v1/workflows/nodes/runs/" + ids[1] + "/logs";
    expect(
        api.call("GET", path, null),
        200,
        envelope("logs", array(object().required("logLevel", string()).required("log", string()))));
    expect(api.call("GET", "/v1/workflows/nodes/runs/wfnr_nope/logs", null), 404, ERROR);
    expectUnauthorized("GET", path, null);
  }

  @Test
  @Covers("GET /v1/workflows/nodes/runs")
  void findNodeRuns() {
    String[] ids = started();
    api.call("PATCH", "/v1/workflows/nodes/runs/" + ids[1], "{\"externalRunId\":\"x-2\"}");
    expect(
        api.call("GET", "/v1/workflows/nodes/runs?external_run_id=x-2", null),
        200,
        envelope("nodeRuns", array(NODE_RUN)));
    expectUnauthorized("GET", "/v1/workflows/nodes/runs", null);
  }
}
