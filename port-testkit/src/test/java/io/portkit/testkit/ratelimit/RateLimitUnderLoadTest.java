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
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.RecordedRequest;
import io.portkit.webhook.server.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    try (PortEmulator port =
        PortEmulator.builder().rateLimit(LIMIT, Duration.ofSeconds(1)).start()) {
      PortClient client =
          PortClient.builder()
              .baseUri(port.baseUri())
              .credentials(port.credentials())
              .rateLimitPolicy(RateLimitPolicy.DEFAULT)
              .build();
      RunDispatcher dispatcher =
          RunDispatcher.builder()
              .client(client)
              .maxInFlight(RUNS)
              .handle(
                  "deploy",
                  (run, ctx) -> {
                    int n = run.inputs().path("n").asInt();
                    ctx.log("step 1 of " + n);
                    ctx.log("step 2 of " + n);
                    ctx.log("step 3 of " + n);
                    ctx.statusLabel("deployed " + n);
                    if (n % 10 == 0) {
                      ctx.fail("refused " + n);
                    } else {
                      ctx.succeed("done " + n);
                    }
                  })
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
          RunStatus expected = n % 10 == 0 ? RunStatus.FAILURE : RunStatus.SUCCESS;
          EmulatedRun run = port.awaitRun(ids.get(n - 1), expected, WAIT);
          assertThat(run.summary()).isEqualTo((n % 10 == 0 ? "refused " : "done ") + n);
          assertThat(run.statusLabel()).isEqualTo("deployed " + n);
          assertThat(run.logs())
              .extracting(RunLogEntry::message)
              .filteredOn(m -> m.contains(RateLimitPolicy.DELAY_NOTICE))
              .hasSizeLessThanOrEqualTo(1);
        }
      } finally {
        dispatcher.close();
      }

      List<RecordedRequest> journal = port.requests();
      // No write reached a finished run: the delay notices went before the final statuses.
      assertThat(journal).noneMatch(r -> r.status() == 422 || r.status() == 409);
      RateLimitStatus budget = client.rateLimit();
      assertThat(budget.delayedCalls()).isPositive();
      assertThat(delayedShare(budget, CallPriority.FINAL_STATUS, RUNS))
          .isLessThan(delayedShare(budget, CallPriority.LOG, 3 * RUNS));
      assertThat(
              port.runs().stream()
                  .filter(r -> r.logs().stream().anyMatch(l -> l.message().contains("delayed"))))
          .isNotEmpty();
    }
  }

  private static double delayedShare(RateLimitStatus budget, CallPriority priority, int calls) {
    return (double) budget.delayedCalls(priority) / calls;
  }
}
