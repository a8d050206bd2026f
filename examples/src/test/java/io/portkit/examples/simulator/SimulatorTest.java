package io.portkit.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  /** Records every listener call as one line, in order. */
  private static class RecordingListener implements SimulationListener {
    final List<String> calls = new ArrayList<>();

    @Override
    public void phaseStarted(Phase phase) {
      calls.add("phase " + phase);
    }

    @Override
    public void log(String message) {
      calls.add("log " + message);
    }

    @Override
    public void statusLabel(String label) {
      calls.add("label " + label);
    }

    @Override
    public void link(String url) {
      calls.add("link " + url);
    }

    @Override
    public void succeeded(String summary) {
      calls.add("success " + summary);
    }
  }

  @Test
  void play_recordingPause_reportsEveryStepInOrderAndPausesForEachDelay() throws Exception {
    SimulationPlan plan = SimulationPlan.generate(5, SimulationSpeed.REAL);
    List<Duration> pauses = new ArrayList<>();
    RecordingListener listener = new RecordingListener();

    new Simulator(pauses::add).play(plan, listener);

    List<String> expected = new ArrayList<>();
    Phase phase = null;
    for (SimulationStep step : plan.steps()) {
      if (step.phase() != phase) {
        phase = step.phase();
        expected.add("phase " + phase);
      }
      String prefix =
          switch (step.kind()) {
            case LOG -> "log ";
            case LABEL -> "label ";
            case LINK -> "link ";
            case SUMMARY -> "success ";
          };
      expected.add(prefix + step.text());
    }
    assertThat(listener.calls).containsExactlyElementsOf(expected);
    assertThat(listener.calls.get(0)).isEqualTo("phase INITIALIZING");
    assertThat(listener.calls.get(listener.calls.size() - 1)).startsWith("success Provisioned ");
    assertThat(pauses)
        .containsExactlyElementsOf(
            plan.steps().stream().map(SimulationStep::delay).filter(d -> !d.isZero()).toList());
  }

  @Test
  void play_listenerThrows_propagatesAndStopsReporting() {
    RecordingListener listener =
        new RecordingListener() {
          @Override
          public void statusLabel(String label) {
            throw new IllegalStateException("reporter down");
          }
        };
    assertThatThrownBy(
            () ->
                new Simulator(d -> {})
                    .play(SimulationPlan.generate(1, SimulationSpeed.FAST), listener))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("reporter down");
    assertThat(listener.calls).noneMatch(c -> c.startsWith("success"));
    assertThat(listener.calls).doesNotContain("phase UPDATE");
  }

  @Test
  void play_interruptedBeforeStart_throwsWithoutReporting() {
    RecordingListener listener = new RecordingListener();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(
              () ->
                  new Simulator(d -> {})
                      .play(SimulationPlan.generate(9, SimulationSpeed.FAST), listener))
          .isInstanceOf(InterruptedException.class)
          .hasMessageStartingWith("simulation of sim-");
    } finally {
      Thread.interrupted();
    }
    assertThat(listener.calls).isEmpty();
  }

  @Test
  void play_interruptedDuringPause_stopsPromptlyAndPropagates() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    Pause blockingOnThird =
        new Pause() {
          int count;

          @Override
          public void pause(Duration d) throws InterruptedException {
            if (++count == 3) {
              blocked.countDown();
              new CountDownLatch(1).await(); // waits until interrupted
            }
          }
        };
    RecordingListener listener = new RecordingListener();
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread runner =
        new Thread(
            () -> {
              try {
                new Simulator(blockingOnThird)
                    .play(SimulationPlan.generate(2, SimulationSpeed.REAL), listener);
                outcome.complete(null);
              } catch (Throwable t) {
                outcome.complete(t);
              }
            });
    runner.start();
    assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
    runner.interrupt();

    assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    runner.join(5000);
    String resource = SimulationPlan.generate(2, SimulationSpeed.REAL).resourceName();
    assertThat(listener.calls).hasSize(3);
    assertThat(listener.calls.subList(0, 2))
        .containsExactly("phase INITIALIZING", "log Validating the request for " + resource);
    assertThat(listener.calls.get(2)).startsWith("log Reserving capacity in ");
  }
}
