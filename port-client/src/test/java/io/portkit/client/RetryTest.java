package io.portkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.testing.FakePortServer;
import io.portkit.client.testing.FakePortServer.Reply;
import io.portkit.client.testing.RecordingSleeper;
import io.portkit.client.testing.TestClients;
import io.portkit.testsupport.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries as seen on the wire: which calls, how many times, and how long each wait was. */
class RetryTest {
  private static final String RUN_PATH = "/v1/actions/runs/r_1";
  private static final String RUN =
      "{\"ok\":true,\"run\":{\"id\":\"r_1\",\"status\":\"IN_PROGRESS\"}}";
  private static final String CREATE_PATH = "/v1/actions/deploy/runs";

  private final FakePortServer server = FakePortServer.start();
  private final MutableClock clock = MutableClock.standard();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final PortClient client = TestClients.builder(server, clock, sleeper).build();

  @AfterEach
  void stop() {
    server.close();
  }

  private static Reply tooMany() {
    return Reply.json(429, "{\"ok\":false,\"error\":\"rate_limited\"}");
  }

  @Test
  void status429_retryAfterSeconds_waitsThatLong() {
    server.enqueue("GET", RUN_PATH, tooMany().header("Retry-After", "7"), Reply.json(200, RUN));

    client.runs().get("r_1");

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
    assertThat(server.requests("GET", RUN_PATH)).hasSize(2);
  }

  @Test
  void status429_retryAfterHttpDate_waitsUntilThen() {
    // The fake clock reads 2026-01-01T00:00:00Z.
    server.enqueue(
        "GET",
        RUN_PATH,
        tooMany().header("Retry-After", "Thu, 01 Jan 2026 00:00:12 GMT"),
        Reply.json(200, RUN));

    client.runs().get("r_1");

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void status429_rateLimitResetEpoch_waitsUntilReset() {
    long reset = clock.instant().getEpochSecond() + 5;
    server.enqueue(
        "GET",
        RUN_PATH,
        tooMany().header("x-ratelimit-reset", Long.toString(reset)),
        Reply.json(200, RUN));

    client.runs().get("r_1");

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void status429_rateLimitResetDelta_waitsDelta() {
    server.enqueue(
        "GET", RUN_PATH, tooMany().header("x-ratelimit-reset", "3"), Reply.json(200, RUN));

    client.runs().get("r_1");

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void status503Burst_thenSuccess_exponentialBackoff() {
    Reply unavailable = Reply.json(503, "{\"ok\":false,\"error\":\"unavailable\"}");
    server.enqueue("GET", RUN_PATH, unavailable, unavailable, unavailable, Reply.json(200, RUN));

    assertThat(client.runs().get("r_1").id()).isEqualTo("r_1");

    assertThat(sleeper.sleeps())
        .containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
  }

  @Test
  void status503_withRateLimitReset_ignoresWindowAndBacksOff() {
    // Port sends x-ratelimit-* on every answer; the window's end says nothing about a 503.
    long reset = clock.instant().getEpochSecond() + 50;
    Reply unavailable =
        Reply.json(503, "{\"ok\":false,\"error\":\"unavailable\"}")
            .header("x-ratelimit-reset", Long.toString(reset));
    server.enqueue("GET", RUN_PATH, unavailable, Reply.json(200, RUN));

    client.runs().get("r_1");

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void status503_withRetryAfter_waitsThatLong() {
    Reply unavailable =
        Reply.json(503, "{\"ok\":false,\"error\":\"unavailable\"}")
            .header("Retry-After", "4")
            .header("x-ratelimit-reset", "30");
    server.enqueue("GET", RUN_PATH, unavailable, Reply.json(200, RUN));

    client.runs().get("r_1");

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(4));
  }

  @Test
  void jitter_reducesBackoffByRandomShare() {
    PortClient jittery = client.newBuilder().random(TestClients.fixedRandom(0.5)).build();
    server.enqueue("GET", RUN_PATH, Reply.json(502, "{}"), Reply.json(200, RUN));

    jittery.runs().get("r_1");

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(450)); // 500 * (1 - 0.2*0.5)
  }

  @Test
  void attemptsExhausted_throwsApiExceptionWithStatusAndTraceId() {
    server.enqueue(
        "GET",
        RUN_PATH,
        Reply.json(503, "{\"ok\":false,\"error\":\"unavailable\",\"message\":\"try later\"}")
            .header("X-Trace-Id", "trace-1"));

    assertThatThrownBy(() -> client.runs().get("r_1"))
        .isInstanceOfSatisfying(
            PortApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(503);
              assertThat(e.traceId()).contains("trace-1");
              assertThat(e.errorCode()).contains("unavailable");
              assertThat(e.portMessage()).contains("try later");
              assertThat(e.method()).isEqualTo("GET");
              assertThat(e.path()).isEqualTo(RUN_PATH);
              assertThat(e.isRetryable()).isTrue();
            })
        .hasMessage(
            "Port API GET /v1/actions/runs/r_1 failed: 503 unavailable: try later"
                + " (trace id trace-1)");
    assertThat(server.requests("GET", RUN_PATH)).hasSize(4);
    assertThat(sleeper.sleeps()).hasSize(3);
  }

  @Test
  void retryAfterBeyondBudget_givesUpWithoutSleeping() {
    server.enqueue("GET", RUN_PATH, tooMany().header("Retry-After", "3600"));

    assertThatThrownBy(() -> client.runs().get("r_1"))
        .isInstanceOfSatisfying(
            PortApiException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void status404_notRetried() {
    server.enqueue(
        "GET",
        RUN_PATH,
        Reply.json(404, "{\"ok\":false,\"error\":\"not_found\",\"message\":\"Run not found\"}"));

    assertThatThrownBy(() -> client.runs().get("r_1"))
        .isInstanceOfSatisfying(PortApiException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessage("Port API GET /v1/actions/runs/r_1 failed: 404 not_found: Run not found");
    assertThat(server.requests("GET", RUN_PATH)).hasSize(1);
  }

  @Test
  void longErrorBody_truncatedTo2KiB() {
    String big = "x".repeat(5000);
    server.enqueue("GET", RUN_PATH, Reply.json(400, big));

    assertThatThrownBy(() -> client.runs().get("r_1"))
        .isInstanceOfSatisfying(
            PortApiException.class,
            e -> assertThat(e.responseBody()).isEqualTo("x".repeat(2048) + "...(truncated)"));
  }

  @Test
  void connectionRefused_retriedThenTransportException() throws IOException {
    URI dead = deadPort();
    PortClient offline = client.newBuilder().baseUri(dead).tokenSource(new FixedTokens()).build();

    assertThatThrownBy(() -> offline.runs().get("r_1"))
        .isInstanceOfSatisfying(
            PortTransportException.class, e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageStartingWith(
            "Port API GET /v1/actions/runs/r_1 failed after 4 attempts:" + " ConnectException");
    assertThat(sleeper.sleeps()).hasSize(3);
  }

  @Test
  void createRun_connectionRefused_isRetriedBecauseNothingWasSent() throws IOException {
    PortClient offline =
        client.newBuilder().baseUri(deadPort()).tokenSource(new FixedTokens()).build();

    assertThatThrownBy(() -> offline.runs().create("deploy", Map.of(), null))
        .isInstanceOf(PortTransportException.class);
    assertThat(sleeper.sleeps()).hasSize(3);
  }

  @Test
  void createRun_503_notRetried() {
    server.enqueue("POST", CREATE_PATH, Reply.json(503, "{\"ok\":false}"), Reply.json(202, RUN));

    assertThatThrownBy(() -> client.runs().create("deploy", Map.of("env", "prod"), null))
        .isInstanceOfSatisfying(
            PortApiException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    assertThat(server.requests("POST", CREATE_PATH)).hasSize(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void createRun_connectionDroppedAfterSend_notRetried() {
    server.enqueue("POST", CREATE_PATH, Reply.disconnect(), Reply.json(202, RUN));

    assertThatThrownBy(() -> client.runs().create("deploy", Map.of("env", "prod"), null))
        .isInstanceOfSatisfying(
            PortTransportException.class, e -> assertThat(e.isRetryable()).isFalse());
    assertThat(server.requests("POST", CREATE_PATH)).hasSize(1);
  }

  @Test
  void createRun_429_retriedBecausePortRefusedBeforeActing() {
    server.enqueue("POST", CREATE_PATH, tooMany().header("Retry-After", "1"), Reply.json(202, RUN));

    assertThat(client.runs().create("deploy", Map.of(), null).id()).isEqualTo("r_1");
    assertThat(server.requests("POST", CREATE_PATH)).hasSize(2);
  }

  @Test
  void idempotentCall_connectionDropped_retried() {
    server.enqueue("PATCH", RUN_PATH, Reply.disconnect(), Reply.json(200, RUN));

    client.runs().update("r_1", io.portkit.client.run.RunUpdate.builder().summary("s").build());

    assertThat(server.requests("PATCH", RUN_PATH)).hasSize(2);
  }

  private static URI deadPort() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  private static final class FixedTokens implements io.portkit.client.auth.TokenSource {
    private final io.portkit.client.auth.AccessToken token =
        new io.portkit.client.auth.AccessToken(
            "fixed", "Bearer", java.time.Instant.parse("2030-01-01T00:00:00Z"));

    @Override
    public io.portkit.client.auth.AccessToken token() {
      return token;
    }

    @Override
    public io.portkit.client.auth.AccessToken refreshAfterRejection(
        io.portkit.client.auth.AccessToken rejected) {
      return token;
    }
  }
}
