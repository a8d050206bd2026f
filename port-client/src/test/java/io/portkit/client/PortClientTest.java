package io.portkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.testing.FakePortServer;
import io.portkit.client.testing.FakePortServer.Recorded;
import io.portkit.client.testing.FakePortServer.Reply;
import io.portkit.client.testing.RecordingSleeper;
import io.portkit.client.testing.TestClients;
import io.portkit.testsupport.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortClientTest {
  private static final String RUN_PATH = "/v1/actions/runs/r_1";
  private static final String RUN =
      "{\"ok\":true,\"run\":{\"id\":\"r_1\",\"status\":\"IN_PROGRESS\"}}";

  private final FakePortServer server = FakePortServer.start();
  private final MutableClock clock = MutableClock.standard();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final PortClient client = TestClients.builder(server, clock, sleeper).build();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void build_noCredentials_throwsWithFix() {
    assertThatThrownBy(() -> PortClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "credentials required: call credentials(...) or"
                + " credentials(ClientCredentials.fromEnv())");
  }

  @Test
  void baseUri_relative_throwsNamingValue() {
    assertThatThrownBy(() -> PortClient.builder().baseUri(URI.create("api.getport.io")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "baseUri must be an absolute http(s) URI such as https://api.port.io:"
                + " api.getport.io");
  }

  @Test
  void regions_constants_matchPortHosts() {
    assertThat(PortClient.EU_API).hasToString("https://api.port.io");
    assertThat(PortClient.US_API).hasToString("https://api.us.port.io");
    assertThat(PortClient.builder().credentials(TestClients.CREDENTIALS).build().baseUri())
        .isEqualTo(PortClient.EU_API);
  }

  @Test
  void get_coldClient_fetchesTokenThenSendsBearer() {
    server.enqueue("GET", RUN_PATH, Reply.json(200, RUN));

    client.runs().get("r_1");

    Recorded token = server.requests("POST", "/v1/auth/access_token").get(0);
    assertThat(token.body())
        .isEqualTo("{\"clientId\":\"client-abc\",\"clientSecret\":\"super-secret-value\"}");
    assertThat(token.header("Content-Type")).isEqualTo("application/json");
    Recorded get = server.requests("GET", RUN_PATH).get(0);
    assertThat(get.query()).isEqualTo("version=v2");
    assertThat(get.header("Authorization")).isEqualTo("Bearer token-1");
    assertThat(get.header("User-Agent")).startsWith("portkit/0.1.0-SNAPSHOT (port-client; Java ");
    assertThat(get.header("Content-Type")).isNull();
  }

  @Test
  void update_bodyRequest_sendsJsonContentType() {
    server.enqueue("PATCH", RUN_PATH, Reply.json(200, RUN));

    client.runs().update("r_1", io.portkit.client.run.RunUpdate.builder().summary("s").build());

    assertThat(server.requests("PATCH", RUN_PATH).get(0).header("Content-Type"))
        .isEqualTo("application/json");
  }

  @Test
  void baseUri_withPathPrefix_keepsPrefix() {
    server.enqueue("GET", "/emulator" + RUN_PATH, Reply.json(200, RUN));
    server.enqueue(
        "POST",
        "/emulator/v1/auth/access_token",
        Reply.json(
            200,
            "{\"ok\":true,\"accessToken\":\"t\",\"expiresIn\":10800,\"tokenType\":\"Bearer\"}"));
    PortClient prefixed =
        client.newBuilder().baseUri(URI.create(server.baseUri() + "/emulator/")).build();

    assertThat(prefixed.runs().get("r_1").id()).isEqualTo("r_1");
  }

  @Test
  void unauthorized_thenNewToken_replaysOnceWithNewHeader() {
    server.enqueue(
        "GET",
        RUN_PATH,
        Reply.json(401, "{\"ok\":false,\"error\":\"token_expired\"}"),
        Reply.json(200, RUN));

    assertThat(client.runs().get("r_1").id()).isEqualTo("r_1");

    List<Recorded> gets = server.requests("GET", RUN_PATH);
    assertThat(gets)
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer token-1", "Bearer token-2");
    assertThat(server.tokenRequests()).isEqualTo(2);
  }

  @Test
  void unauthorized_twice_throwsAuthenticationWithoutLoop() {
    server.enqueue(
        "GET",
        RUN_PATH,
        Reply.json(401, "{\"ok\":false,\"error\":\"unauthorized\"}")
            .header("X-Trace-Id", "trace-9"));

    assertThatThrownBy(() -> client.runs().get("r_1"))
        .isInstanceOf(PortAuthenticationException.class)
        .hasMessage(
            "Port rejected a freshly issued access token; check the credentials'"
                + " permissions and the region (base URL). Port API GET /v1/actions/runs/r_1 failed:"
                + " 401 unauthorized (trace id trace-9)");
    assertThat(server.requests("GET", RUN_PATH)).hasSize(2);
    assertThat(server.tokenRequests()).isEqualTo(2);
  }

  @Test
  void unauthorized_portReissuesSameToken_throwsWithoutReplay() {
    server.enqueue(
        "POST",
        "/v1/auth/access_token",
        Reply.json(
            200,
            "{\"ok\":true,\"accessToken\":\"same\",\"expiresIn\":10800,\"tokenType\":\"Bearer\"}"));
    server.enqueue("GET", RUN_PATH, Reply.json(401, "{\"ok\":false,\"error\":\"unauthorized\"}"));

    assertThatThrownBy(() -> client.runs().get("r_1"))
        .isInstanceOf(PortAuthenticationException.class)
        .hasMessageStartingWith("Port rejected the access token and re-issued the same one;");
    assertThat(server.requests("GET", RUN_PATH)).hasSize(1);
    assertThat(server.tokenRequests()).isEqualTo(2);
  }

  @Test
  void tokenEndpoint_refusesCredentials_throwsAuthenticationNamingClientIdOnly() {
    server.enqueue(
        "POST",
        "/v1/auth/access_token",
        Reply.json(401, "{\"ok\":false,\"error\":\"invalid_credentials\"}"));

    assertThatThrownBy(() -> client.runs().get("r_1"))
        .isInstanceOf(PortAuthenticationException.class)
        .hasMessage(
            "Port refused the client credentials for client id client-abc; check"
                + " PORT_CLIENT_ID / PORT_CLIENT_SECRET and the region (base URL). Port API POST"
                + " /v1/auth/access_token failed: 401 invalid_credentials")
        .satisfies(e -> assertThat(((PortApiException) e).isRetryable()).isFalse());
  }

  @Test
  void token_jwtExp_decidesWhenToRefresh() {
    String jwt = TestClients.jwt(Instant.parse("2026-01-01T00:10:00Z"));
    server.enqueue(
        "POST",
        "/v1/auth/access_token",
        Reply.json(
            200,
            "{\"ok\":true,\"accessToken\":\""
                + jwt
                + "\",\"expiresIn\":10800,\"tokenType\":\"Bearer\"}"),
        Reply.json(
            200,
            "{\"ok\":true,\"accessToken\":\"second\",\"expiresIn\":10800,\"tokenType\":\"Bearer\"}"));
    server.enqueue("GET", RUN_PATH, Reply.json(200, RUN));
    client.runs().get("r_1");

    clock.advance(java.time.Duration.ofMinutes(9)); // 1 min left by exp; 2h51m by expiresIn
    client.runs().get("r_1");

    assertThat(server.requests("GET", RUN_PATH))
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer " + jwt, "Bearer second");
  }

  @Test
  void get_64ConcurrentCallersOnColdClient_exactlyOneTokenRequest() throws Exception {
    int callers = 64;
    CountDownLatch ready = new CountDownLatch(callers);
    CountDownLatch release = new CountDownLatch(1);
    server.on(
        "POST",
        "/v1/auth/access_token",
        r -> {
          try {
            // Answer the token request only once every caller has been started.
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Reply.json(
              200,
              "{\"ok\":true,\"accessToken\":\"only\",\"expiresIn\":10800,\"tokenType\":\"Bearer\"}");
        });
    server.enqueue("GET", RUN_PATH, Reply.json(200, RUN));
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        done.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  return client.runs().get("r_1");
                }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      for (Future<?> f : done) {
        f.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.tokenRequests()).isEqualTo(1);
    assertThat(server.requests("GET", RUN_PATH))
        .hasSize(callers)
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer only"));
  }
}
