package io.portkit.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.PortClient;
import io.portkit.client.run.RunContext;
import io.portkit.testkit.PortEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While the organization's rate-limit budget is low, a run context holds its writes longer ({@link
 * PortClient.Builder#LOW_BUDGET_WRITE_COALESCING}), so more of them ride on the calls that follow;
 * with budget to spare it keeps the configured delay.
 */
class CoalescingUnderLowBudgetTest {
  private static final Duration DELAY = Duration.ofMillis(250);

  private final ClientFixture fx =
      new ClientFixture(
          PortEmulator.builder()
              .seed(21)
              .deliverWebhooks(false)
              .rateLimit(20, Duration.ofHours(1)));
  private final ManualFlushes flushes = new ManualFlushes();
  private final PortClient client =
      fx.client.newBuilder().writeCoalescing(DELAY).flushScheduler(flushes).build();

  @AfterEach
  void close() {
    client.close();
    fx.close();
  }

  @Test
  void budgetLow_heldWritesWaitLonger_plentyOfBudget_theConfiguredDelay() {
    RunContext run = client.runContext(fx.newRun("deploy"));

    run.statusLabel("Starting");
    assertThat(flushes.delays).containsExactly(DELAY);

    int calls = 0;
    while (!client.rateLimit().isLow()) {
      run.log("step " + calls);
      calls++;
      assertThat(calls).as("calls before the budget of 20 runs low").isLessThan(20);
    }
    run.statusLabel("Almost done");

    assertThat(flushes.delays).last().isEqualTo(PortClient.Builder.LOW_BUDGET_WRITE_COALESCING);
    assertThat(client.rateLimit().remaining().orElseThrow()).isLessThan(3);
  }
}
