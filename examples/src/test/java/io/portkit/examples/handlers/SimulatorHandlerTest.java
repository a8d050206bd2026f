package io.portkit.examples.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunStatus;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.examples.simulator.SimulationPlan;
import io.portkit.examples.simulator.SimulationSpeed;
import io.portkit.testkit.EmulatedRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorHandlerTest {
  private final EmulatedPort port = new EmulatedPort();

  @AfterEach
  void close() {
    port.close();
  }

  @Test
  void handle_anyRun_reportsLinksLabelsLogsAndSucceedsWithoutSleeping() throws Exception {
    RunInvocation request = port.newRun(DemoCatalog.PROVISION_ENVIRONMENT, "{\"name\":\"dev\"}");
    List<Duration> pauses = new ArrayList<>();

    new SimulatorHandler(SimulationSpeed.REAL, pauses::add).handle(request, port.context(request));

    EmulatedRun run = port.run(request);
    SimulationPlan plan = SimulationPlan.generate(request.runId().hashCode(), SimulationSpeed.REAL);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.links()).hasSize(2).allMatch(link -> link.startsWith("https://"));
    assertThat(run.logs()).isNotEmpty();
    assertThat(run.summary()).contains(plan.resourceName());
    assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(plan.totalDelay());
  }

  @Test
  void noop_anyRun_succeedsAtOnce() throws Exception {
    RunInvocation request = port.newRun(DemoCatalog.PROVISION_ENVIRONMENT, "{}");

    new NoopHandler().handle(request, port.context(request));

    assertThat(port.run(request).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(port.run(request).summary()).isEqualTo(NoopHandler.SUMMARY);
  }
}
