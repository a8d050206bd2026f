package io.portkit.backend.dispatch;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.run.RunUpdate;
import io.portkit.testsupport.CapturedLogs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reports the dispatcher makes itself, for a run that timed out or is still running at
 * shutdown, leave the single timeout thread, go out together at shutdown, and end at a deadline
 * (issue #12).
 */
class RunDispatcherReportsTest {
  private final FakePort port = new FakePort();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private RunDispatcher.Builder builder(CountDownLatch started) {
    return RunDispatcher.builder()
        .contexts(port.contexts())
        .executor(threads)
        .maxInFlight(8)
        .handle(
            "deploy",
            (run, ctx) -> {
              started.countDown();
              new CountDownLatch(1).await(); // until interrupted, like a sleeping handler
            });
  }

  @Test
  void timeout_whileAnotherTimedOutRunsReportIsStuckInPort_isStillReported() throws Exception {
    FakePort.Hold slow = port.holdFinal("r_a");
    RunDispatcher d =
        builder(new CountDownLatch(2))
            .runTimeout(Duration.ofMillis(50))
            .reportTimeout(Duration.ofSeconds(30))
            .build();

    d.dispatch(RunDispatcherTest.invocation("r_a", "deploy"));
    assertThat(slow.entered.await(10, SECONDS)).as("r_a's report reached Port").isTrue();
    d.dispatch(RunDispatcherTest.invocation("r_b", "deploy"));

    // Before: the timeout thread itself was reporting r_a, so r_b's timeout never fired.
    RunUpdate b = port.finalUpdate("r_b").get(10, SECONDS);
    assertThat(b.statusLabel()).isEqualTo("timed out");
    assertThat(port.finalUpdate("r_a")).isNotDone();
    slow.release.countDown();
    assertThat(port.finalUpdate("r_a").get(10, SECONDS).statusLabel()).isEqualTo("timed out");
    assertThat(d.awaitIdle(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void report_pastItsDeadline_isGivenUpLoggedAndTheRunLeaves() throws Exception {
    FakePort.Hold stuck = port.holdFinal("r_a"); // Port never answers
    RunDispatcher d =
        builder(new CountDownLatch(1))
            .runTimeout(Duration.ofMillis(50))
            .reportTimeout(Duration.ofMillis(200))
            .build();

    try (CapturedLogs.Recording logs = CapturedLogs.startRecording()) {
      d.dispatch(RunDispatcherTest.invocation("r_a", "deploy"));

      assertThat(stuck.entered.await(10, SECONDS)).isTrue();
      assertThat(d.awaitIdle(Duration.ofSeconds(10))).as("the run left").isTrue();
      assertThat(logs.containing("run r_a: reporting FAILURE to Port failed"))
          .singleElement()
          .satisfies(l -> assertThat(l.level()).isEqualTo("ERROR"))
          .satisfies(l -> assertThat(l.message()).contains("PATCH /v1/actions/runs/r_a"));
      assertThat(logs.containing("did not finish within 200 ms and was given up")).hasSize(1);
    }
  }

  @Test
  void shutdown_reportsEveryRunLeftAtOnce() throws Exception {
    List<String> ids = List.of("r_1", "r_2", "r_3");
    List<FakePort.Hold> holds = ids.stream().map(port::holdFinal).toList();
    CountDownLatch started = new CountDownLatch(ids.size());
    RunDispatcher d = builder(started).reportTimeout(Duration.ofSeconds(30)).build();
    ids.forEach(id -> d.dispatch(RunDispatcherTest.invocation(id, "deploy")));
    assertThat(started.await(10, SECONDS)).isTrue();

    CompletableFuture<Boolean> shutdown =
        CompletableFuture.supplyAsync(() -> d.shutdown(Duration.ZERO));

    // Before: one after another, so the second report waited for the first's answer.
    for (FakePort.Hold hold : holds) {
      assertThat(hold.entered.await(10, SECONDS)).as("every report is in Port together").isTrue();
    }
    assertThat(shutdown).isNotDone();
    holds.forEach(h -> h.release.countDown());
    assertThat(shutdown.get(10, SECONDS)).isFalse(); // not clean: runs were failed
    for (String id : ids) {
      assertThat(port.finalUpdate(id).get(10, SECONDS).statusLabel())
          .isEqualTo("backend shut down");
    }
  }

  @Test
  void shutdown_interruptedHandler_loggedAsOneLineWithoutStackTrace() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    RunDispatcher d = builder(started).build();

    try (CapturedLogs.Recording logs = CapturedLogs.startRecording()) {
      d.dispatch(RunDispatcherTest.invocation("r_1", "deploy"));
      assertThat(started.await(10, SECONDS)).isTrue();
      d.shutdown(Duration.ZERO);
      port.finalUpdate("r_1").get(10, SECONDS);

      assertThat(logs.containing("run r_1 interrupted by shutdown: reported FAILURE"))
          .singleElement()
          .satisfies(l -> assertThat(l.level()).isEqualTo("WARN"));
      assertThat(logs.lines()).filteredOn(l -> l.throwable() != null).isEmpty();
      assertThat(logs.lines())
          .filteredOn(l -> l.level().equals("WARN") || l.level().equals("ERROR"))
          .extracting(CapturedLogs.Line::message)
          .noneMatch(m -> m.contains("handler threw"));
    }
  }
}
