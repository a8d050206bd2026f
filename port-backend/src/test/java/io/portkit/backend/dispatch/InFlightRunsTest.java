package io.portkit.backend.dispatch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocationParser;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightRunsTest {
  private static final RunInvocationParser PARSER = new RunInvocationParser();

  private static ActiveRun run(String id) {
    byte[] body =
        ("{\"port_context\":{\"runId\":\"" + id + "\",\"action\":\"deploy\"}}").getBytes(UTF_8);
    return new ActiveRun(PARSER.parse(RequestHeaders.empty(), body), null, null);
  }

  @Test
  void admit_upToTheBound_thenSaturatedNamingTheRunAndTheSetting() {
    InFlightRuns runs = new InFlightRuns(2);

    assertThat(runs.admit(run("r_1"))).isNull();
    assertThat(runs.admit(run("r_2"))).isNull();
    DispatchOutcome refused = runs.admit(run("r_3"));

    assertThat(refused).isInstanceOf(DispatchOutcome.Saturated.class);
    assertThat(((DispatchOutcome.Saturated) refused).message()).contains("r_3", "maxInFlight=2");
    assertThat(runs.size()).isEqualTo(2);
  }

  @Test
  void leave_freesASlot_andOnlyForTheSameRunObject() {
    InFlightRuns runs = new InFlightRuns(1);
    ActiveRun first = run("r_1");
    runs.admit(first);

    runs.leave(run("r_1")); // another delivery of the same id must not free the first's slot
    assertThat(runs.size()).isEqualTo(1);

    runs.leave(first);
    assertThat(runs.size()).isZero();
    assertThat(runs.admit(run("r_2"))).isNull();
  }

  @Test
  void close_refusesNewRunsAsShuttingDown_andKeepsTheHeldOnes() {
    InFlightRuns runs = new InFlightRuns(4);
    ActiveRun held = run("r_1");
    runs.admit(held);

    runs.close();
    DispatchOutcome.Rejected refused = (DispatchOutcome.Rejected) runs.admit(run("r_2"));

    assertThat(runs.isClosed()).isTrue();
    assertThat(refused.reason()).isEqualTo(DispatchOutcome.Reason.SHUTTING_DOWN);
    assertThat(refused.reason().code()).isEqualTo("shutting_down");
    assertThat(refused.message()).contains("r_2", "run the action again");
    assertThat(runs.snapshot()).containsExactly(held);
  }

  @Test
  void hold_recoveredRun_isKeptBeyondTheBound() {
    InFlightRuns runs = new InFlightRuns(1);
    runs.admit(run("r_1"));

    runs.hold(run("r_recovered"));

    assertThat(runs.size()).isEqualTo(2);
    assertThat(runs.snapshot()).extracting(ActiveRun::runId).containsExactly("r_1", "r_recovered");
  }

  @Test
  void awaitEmpty_returnsTrueWhenTheLastRunLeaves() throws Exception {
    InFlightRuns runs = new InFlightRuns(2);
    ActiveRun a = run("r_1");
    ActiveRun b = run("r_2");
    runs.admit(a);
    runs.admit(b);

    CompletableFuture<Boolean> waiter =
        CompletableFuture.supplyAsync(() -> runs.awaitEmpty(Duration.ofSeconds(30)));
    runs.leave(a);
    runs.leave(b);

    assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void awaitEmpty_timesOutWhileARunIsHeld_andIsImmediateWhenEmpty() {
    InFlightRuns runs = new InFlightRuns(1);
    assertThat(runs.awaitEmpty(Duration.ZERO)).isTrue();

    runs.admit(run("r_1"));

    assertThat(runs.awaitEmpty(Duration.ofMillis(20))).isFalse();
  }
}
