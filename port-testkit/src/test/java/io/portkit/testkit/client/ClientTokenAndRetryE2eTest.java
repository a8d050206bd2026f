package io.portkit.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.ratelimit.CallPriority;
import io.portkit.client.ratelimit.RateLimitPolicy;
import io.portkit.client.run.ActionRun;
import io.portkit.client.run.RunUpdate;
import io.portkit.testkit.Fault;
import io.portkit.testkit.PortEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientTokenAndRetryE2eTest {
  private static final String TOKEN_PATH = "/v1/auth/access_token";
  private ClientFixture fx = new ClientFixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void token_64ConcurrentCallers_requestOneToken() throws Exception {
    String id = fx.newRun("deploy");
    ExecutorService pool = Executors.newFixedThreadPool(64);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<ActionRun>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 64; i++) {
        calls.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return fx.client.runs().get(id);
                },
                pool));
      }
      start.countDown();
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(calls).allSatisfy(call -> assertThat(call.join().id()).isEqualTo(id));
    assertThat(fx.count("POST", TOKEN_PATH)).isEqualTo(1);
    assertThat(fx.count("GET", "/v1/actions/runs/" + id)).isEqualTo(64);
  }

  @Test
  void token_expiredByEmulator_refreshedOnceAndReplayed() {
    String id = fx.newRun("deploy");
    fx.client.runs().get(id);
    fx.port.expireTokens();

    ActionRun again = fx.client.runs().get(id);

    assertThat(again.id()).isEqualTo(id);
    assertThat(fx.count("POST", TOKEN_PATH)).isEqualTo(2);
    assertThat(fx.requests("GET", "/v1/actions/runs/" + id))
        .extracting(r -> r.status())
        .containsExactly(200, 401, 200);
  }

  @Test
  void retry_503WithRetryAfter_waitsThroughSleeperThenSucceeds() {
    String id = fx.newRun("deploy");
    fx.port.inject(
        Fault.failNext(2, 503).on("PATCH", "/v1/actions/runs/").retryAfter(Duration.ofSeconds(3)));

    fx.client.runs().update(id, RunUpdate.builder().statusLabel("ok").build());

    assertThat(fx.slept).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    assertThat(fx.requests("PATCH", "/v1/actions/runs/"))
        .extracting(r -> r.status())
        .containsExactly(503, 503, 200);
    assertThat(fx.port.run(id).orElseThrow().statusLabel()).isEqualTo("ok");
  }

  @Test
  void rateLimit_budgetSpent_gateHoldsTheNextCallUntilTheWindowResets_no429() {
    fx.close();
    fx =
        new ClientFixture(
            PortEmulator.builder()
                .seed(22)
                .deliverWebhooks(false)
                .rateLimit(2, Duration.ofSeconds(10)));
    String id = fx.newRun("deploy");
    fx.client.runs().get(id);
    fx.client.runs().get(id); // the window's two requests; the token has its own budget

    ActionRun afterWait = fx.client.runs().get(id);

    assertThat(afterWait.id()).isEqualTo(id);
    assertThat(fx.slept)
        .singleElement()
        .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    assertThat(fx.requests("GET", "/v1/actions/runs/" + id))
        .extracting(r -> r.status())
        .containsExactly(200, 200, 200);
    assertThat(fx.client.rateLimit().delayedCalls(CallPriority.READ)).isEqualTo(1);
    assertThat(fx.client.rateLimit().rateLimitedAnswers()).isZero();
  }

  @Test
  void retry_rateLimited429_withoutGate_honoursRetryAfterFromEmulator() {
    fx.close();
    fx =
        new ClientFixture(
            PortEmulator.builder()
                .seed(22)
                .deliverWebhooks(false)
                .rateLimit(2, Duration.ofSeconds(10)),
            RateLimitPolicy.NO_GATE);
    String id = fx.newRun("deploy");
    fx.client.runs().get(id);
    fx.client.runs().get(id);

    ActionRun afterWait = fx.client.runs().get(id);

    assertThat(afterWait.id()).isEqualTo(id);
    assertThat(fx.slept)
        .singleElement()
        .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    assertThat(fx.requests("GET", "/v1/actions/runs/" + id))
        .extracting(r -> r.status())
        .containsExactly(200, 200, 429, 200);
    assertThat(fx.client.rateLimit().rateLimitedAnswers()).isEqualTo(1);
  }

  @Test
  void retry_droppedConnectionOnGet_isRetried() {
    // The JDK HttpClient itself replays an idempotent GET once when the connection closes
    // unanswered,
    // before portkit's retry sees it; either way the caller gets the run.
    String id = fx.newRun("deploy");
    fx.client.runs().get(id);
    fx.port.inject(Fault.dropNext(1).on("GET", "/v1/actions/runs/"));

    assertThat(fx.client.runs().get(id).id()).isEqualTo(id);
    assertThat(fx.requests("GET", "/v1/actions/runs/" + id))
        .extracting(r -> r.status())
        .containsExactly(200, 0, 200);
  }
}
