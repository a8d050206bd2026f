package io.portkit.testkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.RunHandler;
import io.portkit.client.RetryPolicy;
import io.portkit.client.Sleeper;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.Fault;
import io.portkit.testkit.invoke.WebhookSender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs report to an emulator that misbehaves (5xx bursts, 429 with Retry-After, latency spikes,
 * dropped connections, tokens expiring mid-run): every run must still end with the status its
 * handler chose, exactly once, and each test prints how many retries it took.
 *
 * <p>Half the runs succeed and half throw, so "the right final status" is checked both ways. The
 * client's {@link Sleeper} records the waits it asked for instead of sleeping.
 */
class FaultsWhileReportingTest {
  private static final int RUNS = 20;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String RUN_ROUTE = "/v1/actions/runs/";
  // Faults are shared by all runs in flight, so one run may meet several in a row: give the client
  // more attempts than any script below can consume.
  private static final RetryPolicy PATIENT =
      RetryPolicy.builder().maxAttempts(30).maxElapsed(Duration.ofHours(1)).build();

  /** Records requested waits without sleeping. */
  private final Queue<Duration> waits = new ConcurrentLinkedQueue<>();

  private final Sleeper recording = waits::add;

  /** Logs a line, then succeeds for even inputs and throws for odd ones. */
  private static final RunHandler HALF_FAIL =
      (run, ctx) -> {
        ctx.log("working on " + run.runId());
        if (run.inputs().path("n").asInt() % 2 == 1) {
          throw new IllegalStateException("odd input");
        }
      };

  @Test
  void fiveHundredBursts_retried_everyRunEndsRight() throws Exception {
    try (Rig rig = rig(HALF_FAIL)) {
      rig.port.inject(Fault.failNext(6, 503).on("PATCH", RUN_ROUTE));
      rig.port.inject(Fault.failNext(6, 502).onPattern("POST", RUN_ROUTE + "[^/]+/logs"));
      rig.port.inject(Fault.failNext(4, 504).on("*", RUN_ROUTE));

      List<String> ids = runAll(rig);

      assertEndedRight(rig, ids, "5xx bursts");
      assertThat(faulted(rig, 503) + faulted(rig, 502) + faulted(rig, 504)).isEqualTo(16);
      assertThat(waits).hasSize(16);
    }
  }

  @Test
  void tooManyRequests_retryAfterHonoured_everyRunEndsRight() throws Exception {
    try (Rig rig = rig(HALF_FAIL)) {
      rig.port.inject(
          Fault.failNext(5, 429).on("PATCH", RUN_ROUTE).retryAfter(Duration.ofSeconds(3)));

      List<String> ids = runAll(rig);

      assertEndedRight(rig, ids, "429 with Retry-After: 3");
      assertThat(faulted(rig, 429)).isEqualTo(5);
      assertThat(waits).hasSize(5).containsOnly(Duration.ofSeconds(3));
    }
  }

  @Test
  void droppedConnections_replayed_everyRunEndsRight() throws Exception {
    try (Rig rig = rig(HALF_FAIL)) {
      rig.port.inject(Fault.dropNext(4).on("PATCH", RUN_ROUTE));
      rig.port.inject(Fault.dropNext(3).onPattern("POST", RUN_ROUTE + "[^/]+/logs"));

      List<String> ids = runAll(rig);

      assertEndedRight(rig, ids, "dropped connections");
      assertThat(faulted(rig, 0)).isEqualTo(7);
      assertThat(waits).hasSize(7);
    }
  }

  @Test
  void latencySpikes_slowAnswersStillCounted_everyRunEndsRight() throws Exception {
    // Small real delays through the emulator's own sleeper: the client waits, nothing is retried.
    try (Rig rig = rig(HALF_FAIL)) {
      rig.port.inject(Fault.delayNext(10, Duration.ofMillis(40)).on("*", RUN_ROUTE));

      long started = System.nanoTime();
      List<String> ids = runAll(rig);

      assertEndedRight(rig, ids, "latency spikes of 40 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(40));
      assertThat(waits).isEmpty();
    }
  }

  @Test
  void tokenExpiresMidRun_refreshedOnce_everyRunEndsRight() throws Exception {
    CountDownLatch arrived = new CountDownLatch(RUNS);
    CountDownLatch expired = new CountDownLatch(1);
    RunHandler twoHalves =
        (run, ctx) -> {
          ctx.log("first half");
          arrived.countDown();
          if (!expired.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never expired the tokens");
          }
          HALF_FAIL.handle(run, ctx);
        };
    try (Rig rig = rig(twoHalves)) {
      List<String> ids = rig.createRuns(RUNS);
      Firehose firehose = firehose(rig);
      firehose.fireAll(ids, WAIT);
      assertThat(arrived.await(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("all handlers at the gate")
          .isTrue();

      rig.port.expireTokens();
      expired.countDown();

      assertEndedRight(rig, ids, "token expired mid-run");
      assertThat(rig.statusesOf("POST", "/v1/auth/access_token")).isEqualTo(Map.of(200, 2));
      // Runs whose next call starts after the refresh use the new token at once: 1..RUNS see a 401.
      assertThat(faulted(rig, 401)).isBetween(1, RUNS);
      assertThat(waits).isEmpty();
    }
  }

  private Rig rig(RunHandler handler) {
    return new Rig(e -> e, PATIENT, recording, d -> d.handle(Rig.ACTION, handler));
  }

  private static Firehose firehose(Rig rig) {
    return new Firehose(rig, WebhookSender.builder().build(), 64, Duration.ofMillis(1));
  }

  private static List<String> runAll(Rig rig) throws Exception {
    List<String> ids = rig.createRuns(RUNS);
    firehose(rig).fireAll(ids, WAIT);
    return ids;
  }

  /** Even inputs must end SUCCESS and odd ones FAILURE, each by exactly one accepted request. */
  private void assertEndedRight(Rig rig, List<String> ids, String scenario) {
    assertThat(rig.dispatcher.awaitIdle(WAIT)).as("dispatcher idle").isTrue();
    for (int n = 0; n < ids.size(); n++) {
      RunStatus expected = n % 2 == 0 ? RunStatus.SUCCESS : RunStatus.FAILURE;
      assertThat(rig.port.awaitFinalStatus(ids.get(n), WAIT).status())
          .as("run %d", n)
          .isEqualTo(expected);
    }
    Map<String, Integer> terminations = rig.acceptedTerminations();
    System.out.printf(
        "faults (%s): %d runs ended right, %d client retries (waits %s), 401s replayed %d, token requests %s%n",
        scenario,
        ids.size(),
        waits.size(),
        waits,
        faulted(rig, 401),
        rig.statusesOf("POST", "/v1/auth/access_token"));
    assertThat(terminations).hasSize(ids.size()).containsOnlyKeys(ids);
    assertThat(terminations.values()).as("accepted final-status requests per run").containsOnly(1);
  }

  /** Counts requests to the run routes answered {@code status} (0 = dropped). */
  private static int faulted(Rig rig, int status) {
    return rig.statusesOf("PATCH", RUN_ROUTE).getOrDefault(status, 0)
        + rig.statusesOf("POST", RUN_ROUTE).getOrDefault(status, 0);
  }
}
