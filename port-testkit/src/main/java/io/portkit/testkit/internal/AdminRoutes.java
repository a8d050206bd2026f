package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The admin routes under {@code /__emulator}: journal, runs, faults, reset. No token needed. */
final class AdminRoutes {
  private static final Set<String> FAULT_FIELDS =
      Set.of(
          "type",
          "times",
          "status",
          "method",
          "path",
          "pathPattern",
          "retryAfterSeconds",
          "latencyMillis");

  private final EmulatorCore core;

  AdminRoutes(EmulatorCore core) {
    this.core = core;
  }

  List<Route> routes() {
    return List.of(
        Route.open(
            "GET",
            "/__emulator/requests",
            request ->
                ApiResponse.ok(200, "requests", Json.MAPPER.valueToTree(core.journal().entries()))),
        Route.open(
            "GET",
            "/__emulator/runs",
            request ->
                ApiResponse.ok(200, "runs", Json.MAPPER.valueToTree(core.state().snapshots()))),
        Route.open(
            "GET",
            "/__emulator/runs/{run_id}",
            request -> {
              EmulatedRun run = core.state().snapshot(request.param(0));
              if (run == null) {
                throw ApiError.notFound("Action run", request.param(0));
              }
              return ApiResponse.ok(200, "run", Json.MAPPER.valueToTree(run));
            }),
        Route.open("GET", "/__emulator/faults", request -> faults()),
        Route.open(
            "POST",
            "/__emulator/faults",
            request -> {
              core.faults().add(parseFault(request.json()));
              return new ApiResponse(201, faults().body());
            }),
        Route.open(
            "DELETE",
            "/__emulator/faults",
            request -> {
              core.faults().clear();
              return ApiResponse.ok();
            }),
        Route.open(
            "POST",
            "/__emulator/expire-tokens",
            request -> {
              core.tokens().expireAll();
              return ApiResponse.ok();
            }),
        Route.open(
            "POST",
            "/__emulator/reset",
            request -> {
              core.reset();
              return ApiResponse.ok();
            }));
  }

  private ApiResponse faults() {
    ArrayNode list = Json.MAPPER.createArrayNode();
    core.faults().describe().forEach(list::add);
    return ApiResponse.ok(200, "faults", list);
  }

  /** Parses the JSON form of a {@link Fault}; see docs/testing-with-port-testkit.md. */
  static Fault parseFault(JsonNode json) {
    ObjectNode body = Json.requireObject(json);
    Json.rejectUnknownFields(body, FAULT_FIELDS);
    String type = Json.requiredString(body, "type");
    int times = body.path("times").asInt(1);
    try {
      Fault fault =
          switch (type) {
            case "fail" -> Fault.failNext(times, body.path("status").asInt(503));
            case "drop" -> Fault.dropNext(times);
            case "delay" ->
                Fault.delayNext(times, Duration.ofMillis(body.path("latencyMillis").asLong(0)));
            default ->
                throw ApiError.invalid(
                    "\"type\" must be one of [fail, drop, delay], got \"" + type + "\"");
          };
      String method = body.path("method").asText("*");
      if (body.has("pathPattern")) {
        fault = fault.onPattern(method, Json.requiredString(body, "pathPattern"));
      } else {
        fault = fault.on(method, body.path("path").asText("/"));
      }
      if (body.has("retryAfterSeconds")) {
        fault = fault.retryAfter(Duration.ofSeconds(body.path("retryAfterSeconds").asLong()));
      }
      return fault;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw ApiError.invalid(e.getMessage());
    }
  }
}
