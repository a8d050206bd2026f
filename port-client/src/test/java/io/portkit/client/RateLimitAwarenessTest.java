package io.portkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.auth.AccessToken;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.client.auth.TokenSource;
import io.portkit.client.ratelimit.CallPriority;
import io.portkit.client.ratelimit.RateLimitPolicy;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.RunLog;
import io.portkit.client.run.RunUpdate;
import io.portkit.client.testing.FakePortServer;
import io.portkit.client.testing.FakePortServer.Recorded;
import io.portkit.client.testing.FakePortServer.Reply;
import io.portkit.client.testing.RecordingSleeper;
import io.portkit.client.testing.TestClients;
import io.portkit.testsupport.MutableClock;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate-limit awareness as seen on the wire: 429s waited out, the gate, the delay notice. */
class RateLimitAwarenessTest {
  private static final String RUN_PATH = "/v1/actions/runs/r_1";
  private static final String LOGS_PATH = RUN_PATH + "/logs";
  private static final String RUN =
      "{\"ok\":true,\"run\":{\"id\":\"r_1\",\"status\":\"IN_PROGRESS\"}}";
  private static final String LOG = "{\"ok\":true,\"runLog\":{\"message\":\"x\"}}";

  private final FakePortServer server = FakePortServer.start();
  private final MutableClock clock = MutableClock.standard();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final PortClient client = TestClients.builder(server, clock, sleeper).build();

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply withBudget(Reply reply, long remaining, long resetInSeconds) {
    return reply
        .header("x-ratelimit-limit", "100")
        .header("x-ratelimit-remaining", Long.toString(remaining))
        .header("x-ratelimit-period", "60")
        .header(
            "x-ratelimit-reset", Long.toString(clock.instant().getEpochSecond() + resetInSeconds));
  }

  private static Reply tooMany(String retryAfter) {
    return Reply.json(429, "{\"ok\":false,\"error\":\"rate_limit_exceeded\"}")
        .header("Retry-After", retryAfter);
  }

  @Test
  void finalStatus_429sBeyondMaxAttempts_areWaitedOutAndTheStatusLands() {
    Reply[] replies = new Reply[7];
    for (int i = 0; i < 6; i++) {
      replies[i] = tooMany("2");
    }
    replies[6] = Reply.json(200, RUN);
    server.enqueue("PATCH", RUN_PATH, replies);

    client.runs().update("r_1", RunUpdate.builder().status(FinalStatus.SUCCESS).build());

    // Six 429s against RetryPolicy's 4 attempts: waiting for the budget is not a failure.
    assertThat(sleeper.sleeps()).hasSize(6).containsOnly(Duration.ofSeconds(2));
    assertThat(server.requests("PATCH", RUN_PATH)).hasSize(7);
    assertThat(client.rateLimit().rateLimitedAnswers()).isEqualTo(6);
  }

  @Test
  void status429_askingPastMaxWait_failsWithThe429AtOnce() {
    PortClient bounded =
        TestClients.builder(server, clock, sleeper)
            .rateLimitPolicy(RateLimitPolicy.builder().maxWait(Duration.ofSeconds(10)).build())
            .build();
    server.enqueue("GET", RUN_PATH, tooMany("4"), tooMany("4"), tooMany("4"), Reply.json(200, RUN));

    assertThatThrownBy(() -> bounded.runs().get("r_1"))
        .isInstanceOfSatisfying(
            PortApiException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4));
  }

  @Test
  void delayedLabel_runToldOnce_inALineOfItsOwnBeforeTheCall() {
    server.enqueue("GET", RUN_PATH, withBudget(Reply.json(200, RUN), 1, 30));
    server.enqueue(
        "PATCH",
        RUN_PATH,
        withBudget(Reply.json(200, RUN), 0, 90), // the next window, spent already
        withBudget(Reply.json(200, RUN), 99, 150));
    server.enqueue("POST", LOGS_PATH, withBudget(Reply.json(201, LOG), 98, 90));
    client.runs().get("r_1"); // the budget is now low: 1 of 100

    client.runs().update("r_1", RunUpdate.builder().statusLabel("half way").build());
    client.runs().update("r_1", RunUpdate.builder().statusLabel("nearly").build());

    assertThat(server.requests())
        .extracting(Recorded::method)
        .containsExactly("POST", "GET", "POST", "PATCH", "PATCH"); // token, get, notice, 2 labels
    assertThat(server.requests("POST", LOGS_PATH))
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains(RateLimitPolicy.DELAY_NOTICE));
    assertThat(client.rateLimit().delayedCalls(CallPriority.RUN_UPDATE)).isEqualTo(2);
    assertThat(sleeper.sleeps()).hasSize(2);
  }

  @Test
  void delayedLog_noticeRidesInTheSameLine_noExtraCall() {
    server.enqueue("GET", RUN_PATH, withBudget(Reply.json(200, RUN), 5, 30));
    server.enqueue("POST", LOGS_PATH, Reply.json(201, LOG));
    client.runs().get("r_1");

    client.runs().addLog("r_1", RunLog.of("deploying"));

    assertThat(server.requests("POST", LOGS_PATH))
        .singleElement()
        .satisfies(
            r -> assertThat(r.body()).contains(RateLimitPolicy.DELAY_NOTICE + "\\ndeploying"));
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void lowBudget_finalStatusGoesAtOnce_whileALogWould_wait() {
    server.enqueue("GET", RUN_PATH, withBudget(Reply.json(200, RUN), 3, 30));
    server.enqueue("PATCH", RUN_PATH, Reply.json(200, RUN));
    client.runs().get("r_1");

    client.runs().update("r_1", RunUpdate.builder().status(FinalStatus.FAILURE).build());

    assertThat(sleeper.sleeps()).isEmpty();
    assertThat(client.rateLimit().isLow()).isTrue();
    assertThat(client.rateLimit().remaining()).hasValue(2);
  }

  @Test
  void clientsWithTheSameCredentials_shareOneBudget_othersDoNot() {
    server.enqueue("GET", RUN_PATH, withBudget(Reply.json(200, RUN), 42, 30));
    client.runs().get("r_1");

    PortClient sibling = TestClients.builder(server, clock, sleeper).build();
    PortClient otherOrg =
        TestClients.builder(server, clock, sleeper)
            .credentials(new ClientCredentials("another-client", "another-secret"))
            .build();

    assertThat(sibling.rateLimit().remaining()).hasValue(42);
    assertThat(sibling.rateLimit().limit()).hasValue(100);
    assertThat(sibling.rateLimit().resetAt()).isPresent();
    assertThat(otherOrg.rateLimit().remaining()).isEmpty();
    assertThat(Collections.singletonList(client.rateLimit().toString()))
        .noneMatch(s -> s.contains("super-secret-value"));
  }

  @Test
  void clientsWithATokenSource_shareTheBudgetOfThatTokenSource() {
    TokenSource tokens = fixedToken();
    PortClient first =
        PortClient.builder().baseUri(server.baseUri()).tokenSource(tokens).clock(clock).build();
    PortClient second =
        PortClient.builder().baseUri(server.baseUri()).tokenSource(tokens).clock(clock).build();
    PortClient other =
        PortClient.builder()
            .baseUri(server.baseUri())
            .tokenSource(fixedToken())
            .clock(clock)
            .build();
    server.enqueue("GET", RUN_PATH, withBudget(Reply.json(200, RUN), 7, 30));

    first.runs().get("r_1");

    assertThat(second.rateLimit().remaining()).hasValue(7);
    assertThat(other.rateLimit().remaining()).isEmpty();
  }

  private TokenSource fixedToken() {
    AccessToken token = AccessToken.of("t", "Bearer", 10_800L, clock.instant());
    return new TokenSource() {
      @Override
      public AccessToken token() {
        return token;
      }

      @Override
      public AccessToken refreshAfterRejection(AccessToken rejected) {
        return token;
      }
    };
  }
}
