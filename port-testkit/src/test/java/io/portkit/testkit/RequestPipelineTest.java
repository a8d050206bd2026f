package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestPipelineTest {
  private final FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:30Z"));
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private final PortEmulator port =
      PortEmulator.builder().clock(clock).seed(5).sleeper(slept::add).start();
  private final Http http = new Http(port);

  @AfterEach
  void close() {
    port.close();
  }

  @Test
  void everyResponse_carriesRateLimitHeadersAndTraceId() {
    HttpResponse<String> response = http.send("GET", "/v1/actions/runs", null, null);

    assertThat(response.headers().firstValue("x-ratelimit-period")).hasValue("60");
    assertThat(response.headers().firstValue("x-ratelimit-limit")).hasValue("1000000");
    assertThat(response.headers().firstValue("x-ratelimit-remaining")).hasValue("999999");
    assertThat(response.headers().firstValue("x-ratelimit-reset"))
        .hasValue(Long.toString(Instant.parse("2026-01-01T00:01:00Z").getEpochSecond()));
    assertThat(response.headers().firstValue("X-Trace-Id").orElseThrow()).matches("[0-9a-f]{32}");
  }

  @Test
  void rateLimit_exceeded_answers429WithRetryAfterUntilWindowResets() {
    try (PortEmulator limited =
        PortEmulator.builder().clock(clock).rateLimit(2, Duration.ofMinutes(1)).start()) {
      Http limitedHttp = new Http(limited);
      String token = limitedHttp.token(); // the unauthenticated budget: not counted below
      limitedHttp.send("GET", "/v1/actions/runs", null, token);
      limitedHttp.send("GET", "/v1/actions/runs", null, token);
      HttpResponse<String> refused = limitedHttp.send("GET", "/v1/actions/runs", null, token);

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
      assertThat(Http.json(refused).get("error").asText()).isEqualTo("rate_limit_exceeded");
      clock.advance(Duration.ofSeconds(30));
      assertThat(limitedHttp.send("GET", "/v1/actions/runs", null, token).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void rateLimit_budgetsAreSeparate_tokenEntitiesAndOthersEachHaveTheLimit() {
    try (PortEmulator limited =
        PortEmulator.builder().clock(clock).rateLimit(1, Duration.ofMinutes(1)).start()) {
      Http limitedHttp = new Http(limited);
      String token = limitedHttp.token();
      HttpResponse<String> entities =
          limitedHttp.send("GET", "/v1/blueprints/service/entities", null, token);
      HttpResponse<String> runs = limitedHttp.send("GET", "/v1/actions/runs", null, token);
      HttpResponse<String> secondRuns = limitedHttp.send("GET", "/v1/actions/runs", null, token);
      HttpResponse<String> secondEntities =
          limitedHttp.send("GET", "/v1/blueprints/service/entities", null, token);

      assertThat(entities.statusCode()).isNotEqualTo(429);
      assertThat(runs.statusCode()).isEqualTo(200);
      assertThat(runs.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
      assertThat(secondRuns.statusCode()).isEqualTo(429);
      assertThat(secondEntities.statusCode()).isEqualTo(429);
      // The token route has its own budget of one, spent by the first token request.
      assertThat(limitedHttp.tokenResponse().statusCode()).isEqualTo(429);
    }
  }

  @Test
  void bodyOver1MiB_answers413() {
    String big = "{\"message\":\"" + "x".repeat(1024 * 1024) + "\"}";
    HttpResponse<String> response =
        http.send("POST", "/v1/actions/runs/r_x/logs", big, http.token());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo("Request body is too large (limit is 1MiB)");
  }

  @Test
  void failNext_byRoute_failsOnlyMatchingRequestsThenRecovers() {
    String token = http.token();
    port.inject(
        Fault.failNext(2, 503).on("GET", "/v1/actions/runs").retryAfter(Duration.ofMillis(1500)));

    HttpResponse<String> first = http.send("GET", "/v1/actions/runs", null, token);
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(Http.json(first).get("error").asText()).isEqualTo("emulated_fault");
    assertThat(http.send("GET", "/v1/blueprints/x", null, token).statusCode()).isEqualTo(404);
    assertThat(http.send("GET", "/v1/actions/runs", null, token).statusCode()).isEqualTo(503);
    assertThat(http.send("GET", "/v1/actions/runs", null, token).statusCode()).isEqualTo(200);
  }

  @Test
  void dropNext_closesConnectionWithoutResponse() {
    port.inject(Fault.dropNext(1).onPattern("POST", "/v1/auth/.*"));

    assertThatThrownBy(http::tokenResponse).isInstanceOf(UncheckedIOException.class);
    assertThat(http.tokenResponse().statusCode()).isEqualTo(200);
    assertThat(port.requests().get(0).status()).isZero();
  }

  @Test
  void delayNext_waitsThroughSleeper() {
    port.inject(Fault.delayNext(1, Duration.ofMillis(250)));

    assertThat(http.tokenResponse().statusCode()).isEqualTo(200);
    assertThat(slept).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void faultsOverHttp_scriptedFault_applies() {
    HttpResponse<String> scripted =
        http.send(
            "POST",
            "/__emulator/faults",
            "{\"type\":\"fail\",\"times\":1,\"status\":500,\"method\":\"POST\",\"path\":\"/v1/auth\"}",
            null);

    assertThat(scripted.statusCode()).isEqualTo(201);
    assertThat(http.tokenResponse().statusCode()).isEqualTo(500);
    assertThat(http.tokenResponse().statusCode()).isEqualTo(200);
  }

  @Test
  void faultsOverHttp_badType_answers422() {
    HttpResponse<String> response =
        http.send("POST", "/__emulator/faults", "{\"type\":\"explode\"}", null);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo(
            "The json provided does not match the route's schema: \"type\" must be one of [fail, drop, delay], got \"explode\"");
  }

  @Test
  void journal_recordsCallsWithoutSecretOrToken() {
    String token = http.token();
    http.send("PATCH", "/v1/actions/runs/r_x?version=v2", "{\"statusLabel\":\"x\"}", token);

    List<RecordedRequest> requests = port.requests();
    assertThat(requests)
        .extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST", "/v1/auth/access_token", 200),
            org.assertj.core.groups.Tuple.tuple("PATCH", "/v1/actions/runs/r_x", 404));
    assertThat(requests.get(1).query()).isEqualTo("version=v2");
    assertThat(requests.get(0).body()).isNull();
    String overHttp = http.send("GET", "/__emulator/requests", null, null).body();
    assertThat(overHttp)
        .doesNotContain(port.clientSecret())
        .doesNotContain(token)
        .contains("/v1/actions/runs/r_x");
    assertThat(port.requests()).hasSize(2); // the admin call itself is not journaled
  }

  @Test
  void adminRuns_andReset_exposeAndClearState() {
    Http.catalog(port);
    String id = port.createRun("deploy", Http.MAPPER.createObjectNode()).id();

    var runs = Http.json(http.send("GET", "/__emulator/runs", null, null)).get("runs");
    assertThat(runs.get(0).get("id").asText()).isEqualTo(id);
    assertThat(runs.get(0).get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(http.send("POST", "/__emulator/reset", null, null).statusCode()).isEqualTo(200);
    assertThat(port.runs()).isEmpty();
  }

  @Test
  void seededEmulators_generateSameRunIds() {
    try (PortEmulator a = PortEmulator.builder().seed(99).start();
        PortEmulator b = PortEmulator.builder().seed(99).start()) {
      Http.catalog(a);
      Http.catalog(b);
      String idA = a.createRun("deploy", Http.MAPPER.createObjectNode()).id();
      String idB = b.createRun("deploy", Http.MAPPER.createObjectNode()).id();

      assertThat(idA).isEqualTo(idB).matches("r_[A-Za-z0-9]{16}");
      assertThat(a.clientSecret()).isEqualTo(b.clientSecret());
    }
  }

  @Test
  void pathOutsidePortsApi_answers404NamingIt() {
    HttpResponse<String> response = http.send("GET", "/v2/nothing", null, null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("route_not_found");
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo(
            "No route GET /v2/nothing: Port's API lives under /v1 and the emulator's admin routes"
                + " under /__emulator; see docs/testing-with-port-testkit.md");
  }
}
