package io.portkit.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.PortApiException;
import io.portkit.client.PortAuthenticationException;
import io.portkit.client.PortClient;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.RunAlreadyFinishedException;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunLog;
import io.portkit.client.run.RunStatus;
import io.portkit.client.run.RunSynchronizedException;
import io.portkit.client.run.RunUpdate;
import io.portkit.testkit.EmulatedRun;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunContextE2eTest {
  private final ClientFixture fx = new ClientFixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void addLink_threeTimes_emulatorHoldsAllLinks() {
    String id = fx.newRun("deploy");
    RunContext run = fx.client.runContext(id);

    run.addLink("https://ci/1");
    run.addLink("https://ci/2");
    run.addLink("https://ci/3");
    run.flush(); // the three adds went out as one PATCH, held a moment for coalescing

    EmulatedRun state = fx.port.run(id).orElseThrow();
    assertThat(state.links()).containsExactly("https://ci/1", "https://ci/2", "https://ci/3");
    assertThat(fx.client.runs().get(id).links())
        .containsExactly("https://ci/1", "https://ci/2", "https://ci/3");
  }

  @Test
  void succeed_twice_sendsFinalStatusExactlyOnce() {
    String id = fx.newRun("deploy");
    RunContext run = fx.client.runContext(id);
    run.succeed("Deployed");

    assertThatThrownBy(() -> run.fail("late"))
        .isInstanceOf(RunAlreadyFinishedException.class)
        .hasMessageStartingWith("run " + id + " already finished with status SUCCESS; cannot ");
    assertThatThrownBy(() -> run.log("late"))
        .isInstanceOf(RunAlreadyFinishedException.class)
        .hasMessage(
            "run "
                + id
                + " already finished with status SUCCESS; cannot log after the final status");
    EmulatedRun state = fx.port.run(id).orElseThrow();
    assertThat(state.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(state.summary()).isEqualTo("Deployed");
    long finals =
        fx.requests("PATCH", "/v1/actions/runs/" + id).stream()
                .filter(r -> r.body() != null && r.body().contains("\"status\""))
                .count()
            + fx.requests("POST", "/v1/actions/runs/" + id + "/logs").stream()
                .filter(r -> r.body() != null && r.body().contains("terminationStatus"))
                .count();
    assertThat(finals).isEqualTo(1);
  }

  @Test
  void succeed_onSynchronizedActionInAsyncMode_explainsRunSynchronizedError() {
    String id = fx.newRun("deploy_sync");
    RunContext run = fx.client.runContext(id);

    assertThatThrownBy(() -> run.succeed("done"))
        .isInstanceOfSatisfying(
            RunSynchronizedException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(422);
              assertThat(e.errorCode()).contains("run_synchronized_error");
              assertThat(e.getMessage())
                  .contains("RunContext.Mode.SYNCHRONIZED")
                  .contains("\"synchronized\": false");
            });
    assertThat(fx.port.run(id).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);
  }

  @Test
  void synchronizedMode_recordsOutcomeWithoutStatusPatch() {
    String id = fx.newRun("deploy_sync");
    RunContext run = fx.client.runContext(id, RunContext.Mode.SYNCHRONIZED);

    run.statusLabel("working");
    run.succeed("done");

    assertThat(run.outcome()).hasValueSatisfying(o -> assertThat(o.toString()).contains("SUCCESS"));
    EmulatedRun state = fx.port.run(id).orElseThrow();
    assertThat(state.status()).isEqualTo(RunStatus.IN_PROGRESS);
    assertThat(state.statusLabel()).isEqualTo("working");
  }

  @Test
  void errors_unknownRun_surfaceAs404WithTraceId() {
    assertThatThrownBy(() -> fx.client.runs().get("r_nope"))
        .isInstanceOfSatisfying(
            PortApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.errorCode()).contains("not_found");
              assertThat(e.portMessage())
                  .contains("Action run with identifier \"r_nope\" was not found");
              assertThat(e.traceId())
                  .hasValueSatisfying(t -> assertThat(t).matches("[0-9a-f]{32}"));
              assertThat(e.isRetryable()).isFalse();
            });
  }

  @Test
  void errors_writeToFinishedRun_surfaceAs422RunAlreadyFinished() {
    String id = fx.newRun("deploy");
    fx.client.runs().addLog(id, new RunLog("done", FinalStatus.FAILURE, null));

    assertThatThrownBy(
            () -> fx.client.runs().update(id, RunUpdate.builder().statusLabel("again").build()))
        .isInstanceOfSatisfying(
            PortApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(422);
              assertThat(e.errorCode()).contains("run_already_finished");
            });
  }

  @Test
  void errors_unknownActionOnCreate_and413_areReported() {
    assertThatThrownBy(() -> fx.client.runs().create("ghost", Map.of(), null))
        .isInstanceOfSatisfying(
            PortApiException.class, e -> assertThat(e.errorCode()).contains("not_found"));
    String id = fx.newRun("deploy");
    String huge = "x".repeat(1024 * 1024 + 1);
    assertThatThrownBy(() -> fx.client.runs().addLog(id, RunLog.of(huge)))
        .isInstanceOfSatisfying(
            PortApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(413);
              assertThat(e.errorCode()).contains("payload_too_large");
            });
  }

  @Test
  void errors_wrongCredentials_surfaceAsAuthenticationFailureWithoutSecret() {
    PortClient wrong =
        PortClient.builder()
            .baseUri(fx.port.baseUri())
            .credentials(new ClientCredentials(fx.port.clientId(), "wrong-secret-value"))
            .build();

    assertThatThrownBy(() -> wrong.runs().get("r_any"))
        .isInstanceOf(PortAuthenticationException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("wrong-secret-value")
                    .doesNotContain(fx.port.clientSecret()));
  }
}
