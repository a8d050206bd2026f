package io.portkit.examples.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.PortTransportException;
import io.portkit.client.run.RunStatus;
import io.portkit.examples.demo.DemoCatalog;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScenarioRouterTest {
  private final EmulatedPort port = new EmulatedPort();

  @AfterEach
  void close() {
    port.close();
  }

  @Test
  void handle_knownAction_usesItsHandlerElseFallback() {
    ScenarioHandler a = (r, run) -> {};
    ScenarioHandler fallback = (r, run) -> {};
    ScenarioRouter router = new ScenarioRouter(Map.of("a", a), fallback);

    assertThat(router.handlerFor("a")).isSameAs(a);
    assertThat(router.handlerFor("other")).isSameAs(fallback);
  }

  @Test
  void handle_handlerThrows_failsRunNamingTheError() throws Exception {
    RunInvocation request = port.newRun(DemoCatalog.PROVISION_ENVIRONMENT, "{}");
    ScenarioRouter router =
        ScenarioRouter.all(
            (r, run) -> {
              throw new IllegalStateException("disk full");
            });

    router.handle(request, port.context(request));

    assertThat(port.run(request).status()).isEqualTo(RunStatus.FAILURE);
    assertThat(port.run(request).summary())
        .isEqualTo("Backend error: IllegalStateException: disk full");
  }

  @Test
  void handle_handlerThrowsAfterFinishing_keepsTheFinalStatus() throws Exception {
    RunInvocation request = port.newRun(DemoCatalog.PROVISION_ENVIRONMENT, "{}");
    ScenarioRouter router =
        ScenarioRouter.all(
            (r, run) -> {
              run.succeed("done");
              throw new IllegalStateException("late");
            });

    router.handle(request, port.context(request));

    assertThat(port.run(request).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(port.run(request).summary()).isEqualTo("done");
  }

  @Test
  void handle_portCallInterrupted_rethrowsTheInterruptAndLeavesTheRunToTheDispatcher()
      throws Exception {
    RunInvocation request = port.newRun(DemoCatalog.PROVISION_ENVIRONMENT, "{}");
    ScenarioRouter router =
        ScenarioRouter.all(
            (r, run) -> {
              Thread.currentThread().interrupt(); // as the dispatcher does at shutdown
              run.log("cut short"); // the call fails: its thread is interrupted
            });

    assertThatThrownBy(() -> router.handle(request, port.context(request)))
        .isInstanceOf(InterruptedException.class)
        .hasMessage("run " + request.runId() + " interrupted during a Port call")
        .hasCauseInstanceOf(PortTransportException.class);
    assertThat(Thread.interrupted()).isTrue();
    assertThat(port.run(request).status()).isEqualTo(RunStatus.IN_PROGRESS);
  }
}
