package io.portkit.testkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.ratelimit.CallPriority;
import io.portkit.client.ratelimit.RateLimitPolicy;
import io.portkit.client.ratelimit.RateLimitStatus;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.RecordedRequest;
import io.portkit.webhook.server.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The headline of rate-limit awareness (ADR 0225-0229): 500 asynchronous runs, each reporting three
 * log lines, a status label and a final status (2,500 calls), through PortEmulator,
 * WebhookReceiver, RunDispatcher and PortClient, against a budget of 200 calls per 1-second window.
 * Every run must end with the status its handler chose, none may be failed by a 429, and final
 * statuses must be held back less often than logs. Correctness only: the figures are measured by
 * {@code RateLimitBenchmark} (docs/performance.md, "Rate limit").
 */
class RateLimitUnderLoadTest {
  private static final int RUNS = 500;
  private static final int LIMIT = 200;
  private static final Duration WAIT = Duration.ofMinutes(3);

  @Test
  void fiveHundredRuns_budgetFarBelowTheirCalls_allEndRight_finalStatusesFirst() {
    try (PortEmulator port = limitedEmulator()) {
      PortClient client = client(port, RateLimitPolicy.DEFAULT);

      runAllAndCheckTheirEnds(port, client);

      List<RecordedRequest> journal = port.requests();
      // No write reached a finished run: the delay notices went before the final statuses.
      assertThat(journal).noneMatch(r -> r.status() == 422 || r.status() == 409);
      RateLimitStatus budget = client.rateLimit();
      assertThat(budget.delayedCalls()).isPositive();
      assertThat(delayedShare(budget, CallPriority.FINAL_STATUS, RUNS))
          .isLessThan(delayedShare(budget, CallPriority.LOG, 3 * RUNS));
      assertThat(port.runs())
          .anyMatch(
              r ->
                  r.logs().stream()
                      .anyMatch(l -> l.message().contains(RateLimitPolicy.DELAY_NOTICE)));
    }
  }

  @Test
  void withoutTheGate_hundredsOf429s_areWaitedOut_andNoRunIsFailedByThem() throws Exception {
    try (PortEmulator port = limitedEmulator()) {
      PortClient client = client(port, RateLimitPolicy.NO_GATE);
      port.defineAction(
          Action.builder("deploy")
              .title("Deploy")
              .invocationMethod(InvocationMethod.webhook(URI.create("http://127.0.0.1:9/")))
              .build());
      List<String> ids = new ArrayList<>();
      for (int n = 1; n <= RUNS; n++) {
        ids.add(port.createRun("deploy", JsonNodeFactory.instance.objectNode().put("n", n)).id());
      }

      // The reporting of 500 handlers at once, straight through the client: what is under test
      // is the 429 path, not the webhook delivery the other test covers.
      ExecutorService pool = Executors.newFixedThreadPool(RUNS);
      try {
        List<Future<?>> reports = new ArrayList<>();
        for (int n = 1; n <= RUNS; n++) {
          int number = n;
          RunContext ctx = client.runContext(ids.get(n - 1));
          reports.add(pool.submit(() -> report(ctx, number)));
        }
        for (Future<?> report : reports) {
          report.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      for (int n = 1; n <= RUNS; n++) {
        checkEnd(port.run(ids.get(n - 1)).orElseThrow(), n);
      }
      // More 429s than runs, so runs met several, where RetryPolicy allows 4 attempts per call.
      assertThat(port.requests()).filteredOn(r -> r.status() == 429).hasSizeGreaterThan(RUNS);
      assertThat(client.rateLimit().delayedCalls()).isZero();
    }
  }

  private static PortEmulator limitedEmulator() {
    return PortEmulator.builder().rateLimit(LIMIT, Duration.ofSeconds(1)).start();
  }

  private static PortClient client(PortEmulator port, RateLimitPolicy policy) {
    return PortClient.builder()
        .baseUri(port.baseUri())
        .credentials(port.credentials())
        .rateLimitPolicy(policy)
        .build();
  }

  // Every tenth run fails on purpose; each must end with exactly its handler's status and summary.
  private static void runAllAndCheckTheirEnds(PortEmulator port, PortClient client) {
    RunDispatcher dispatcher =
        RunDispatcher.builder()
            .client(client)
            .maxInFlight(RUNS)
            .handle("deploy", (run, ctx) -> report(ctx, run.inputs().path("n").asInt()))
            .build();
    try (WebhookReceiver receiver =
        WebhookReceiver.builder()
            .verifier(SignatureVerifier.builder().addSecret(port.clientSecret()).build())
            .dispatcher(dispatcher)
            .port(0)
            .stopGrace(Duration.ZERO)
            .start()) {
      port.defineAction(
          Action.builder("deploy")
              .title("Deploy")
              .invocationMethod(InvocationMethod.webhook(receiver.uri()))
              .build());

      List<String> ids = new ArrayList<>();
      for (int n = 1; n <= RUNS; n++) {
        ids.add(port.trigger("deploy", JsonNodeFactory.instance.objectNode().put("n", n)).id());
      }

      for (int n = 1; n <= RUNS; n++) {
        checkEnd(port.awaitRun(ids.get(n - 1), expectedStatus(n), WAIT), n);
      }
    } finally {
      dispatcher.close();
    }
  }

  // What every run's handler reports: three log lines, a label, and its end (every tenth fails).
  private static void report(RunContext ctx, int n) {
    ctx.log("step 1 of " + n);
    ctx.log("step 2 of " + n);
    ctx.log("step 3 of " + n);
    ctx.statusLabel("deployed " + n);
    if (n % 10 == 0) {
      ctx.fail("refused " + n);
    } else {
      ctx.succeed("done " + n);
    }
  }

  private static RunStatus expectedStatus(int n) {
    return n % 10 == 0 ? RunStatus.FAILURE : RunStatus.SUCCESS;
  }

  private static void checkEnd(EmulatedRun run, int n) {
    assertThat(run.status()).as("status of run %d", n).isEqualTo(expectedStatus(n));
    assertThat(run.summary()).isEqualTo((n % 10 == 0 ? "refused " : "done ") + n);
    assertThat(run.statusLabel()).isEqualTo("deployed " + n);
    assertThat(run.logs())
        .extracting(RunLogEntry::message)
        .filteredOn(m -> m.contains(RateLimitPolicy.DELAY_NOTICE))
        .hasSizeLessThanOrEqualTo(1);
  }

  private static double delayedShare(RateLimitStatus budget, CallPriority priority, int calls) {
    return (double) budget.delayedCalls(priority) / calls;
  }
}
