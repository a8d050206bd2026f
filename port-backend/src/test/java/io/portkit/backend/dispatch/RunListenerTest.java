package io.portkit.backend.dispatch;

import static io.portkit.backend.dispatch.RunDispatcherTest.invocation;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.journal.JournalEntry;
import io.portkit.backend.journal.RunJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

class RunListenerTest {
  private final FakePort port = new FakePort();
  private final ManualExecutor manual = new ManualExecutor();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Recording recording = new Recording();

  @TempDir Path dir;

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** Records what it is told; {@link #nextEnded()} waits, bounded, for the next ended run. */
  static final class Recording implements RunListener {
    final LinkedBlockingQueue<EndedRun> ended = new LinkedBlockingQueue<>();
    final List<IntakeRejection> rejected = new CopyOnWriteArrayList<>();

    @Override
    public void runEnded(EndedRun run) {
      ended.add(run);
    }

    @Override
    public void intakeRejected(IntakeRejection rejection) {
      rejected.add(rejection);
    }

    EndedRun nextEnded() throws InterruptedException {
      EndedRun run = ended.poll(5, TimeUnit.SECONDS);
      assertThat(run).as("a run ended within 5 s").isNotNull();
      return run;
    }
  }

  private RunDispatcher.Builder manualBuilder() {
    return RunDispatcher.builder().contexts(port.contexts()).executor(manual).listener(recording);
  }

  @Test
  void runEnded_asyncSuccessAndFailure_taggedByActionKindAndResult() throws Exception {
    RunDispatcher d =
        manualBuilder()
            .handle("deploy", (run, ctx) -> {})
            .handle(
                "broken",
                (run, ctx) -> {
                  throw new IllegalStateException("no");
                })
            .build();

    d.dispatch(invocation("r_1", "deploy"));
    d.dispatch(invocation("r_2", "broken"));
    manual.runAll();

    EndedRun first = recording.nextEnded();
    assertThat(first.action()).isEqualTo("deploy");
    assertThat(first.kind()).isEqualTo(EndedRun.Kind.ASYNC);
    assertThat(first.result()).isEqualTo(EndedRun.Result.SUCCESS);
    assertThat(first.duration()).isPositive();
    EndedRun second = recording.nextEnded();
    assertThat(second.action()).isEqualTo("broken");
    assertThat(second.result()).isEqualTo(EndedRun.Result.FAILURE);
    assertThat(recording.rejected).isEmpty();
  }

  @Test
  void runEnded_handedOffRun_countedWhenItsHandOffEnds_notWhenItsHandlerReturns() throws Exception {
    io.portkit.testsupport.MutableClock clock = io.portkit.testsupport.MutableClock.standard();
    java.time.Instant due = clock.instant().plus(Duration.ofHours(1));
    RunDispatcher d =
        manualBuilder()
            .clock(clock)
            .handle(
                "ci",
                (run, ctx) ->
                    ctx.handOff(
                        io.portkit.client.run.HandOff.of(
                            "job-" + run.runId(), due, "the CI's callback")))
            .build();
    d.dispatch(invocation("r_1", "ci"));
    d.dispatch(invocation("r_2", "ci"));
    manual.runAll();
    assertThat(recording.ended).as("handed off: not ended yet").isEmpty();

    d.handOffs().complete("job-r_1", HandOffResult.success("passed"));
    EndedRun completed = recording.nextEnded();
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    d.handOffs().expireOverdue();
    EndedRun expired = recording.nextEnded();

    assertThat(completed.action()).isEqualTo("ci");
    assertThat(completed.kind()).isEqualTo(EndedRun.Kind.HANDED_OFF);
    assertThat(completed.result()).isEqualTo(EndedRun.Result.SUCCESS);
    assertThat(completed.duration()).isPositive();
    assertThat(expired.kind()).isEqualTo(EndedRun.Kind.HANDED_OFF);
    assertThat(expired.result()).isEqualTo(EndedRun.Result.TIMEOUT);
    assertThat(recording.ended).isEmpty();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void runEnded_syncAndNoHandler_kindSyncAndFailureForTheUnknownAction() throws Exception {
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .listener(recording)
            .sync("validate", (run, ctx) -> ctx.succeed("ok"))
            .build();

    d.dispatch(invocation("r_1", "validate"));
    EndedRun sync = recording.nextEnded();
    d.dispatch(invocation("r_2", "unknown_action"));
    EndedRun unknown = recording.nextEnded();

    assertThat(sync.kind()).isEqualTo(EndedRun.Kind.SYNC);
    assertThat(sync.result()).isEqualTo(EndedRun.Result.SUCCESS);
    assertThat(unknown.action()).isEqualTo("unknown_action");
    assertThat(unknown.result()).isEqualTo(EndedRun.Result.FAILURE);
  }

  @Test
  void runEnded_timeoutAndShutdown_haveTheirOwnResults() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .listener(recording)
            .handle(
                "slow",
                (run, ctx) -> new CountDownLatch(1).await(),
                HandlerOptions.defaults().timeout(Duration.ofMillis(50)))
            .handle(
                "stuck",
                (run, ctx) -> {
                  started.countDown();
                  new CountDownLatch(1).await();
                })
            .build();

    d.dispatch(invocation("r_1", "slow"));
    assertThat(recording.nextEnded().result()).isEqualTo(EndedRun.Result.TIMEOUT);
    d.dispatch(invocation("r_2", "stuck"));
    assertThat(started.await(5, SECONDS)).isTrue();
    d.shutdown(Duration.ZERO);

    assertThat(recording.nextEnded().result()).isEqualTo(EndedRun.Result.SHUTDOWN);
  }

  @Test
  void intakeRejected_duplicateCapacityAndShutdown_reportedOnceEach() {
    RunDispatcher d = manualBuilder().maxInFlight(1).handle("deploy", (run, ctx) -> {}).build();

    d.dispatch(invocation("r_1", "deploy"));
    d.dispatch(invocation("r_1", "deploy")); // duplicate
    d.dispatch(invocation("r_2", "deploy")); // saturated: r_1 holds the only slot
    manual.runAll();
    d.shutdown(Duration.ZERO);
    d.dispatch(invocation("r_3", "deploy"));

    assertThat(recording.rejected)
        .containsExactly(
            IntakeRejection.DUPLICATE, IntakeRejection.CAPACITY, IntakeRejection.SHUTTING_DOWN);
    assertThat(IntakeRejection.SHUTTING_DOWN.tag()).isEqualTo("shutting_down");
  }

  @Test
  void listenerThrows_runStillEndsAndOtherListenersAreCalled() throws Exception {
    RunListener broken =
        new RunListener() {
          @Override
          public void runEnded(EndedRun run) {
            throw new IllegalStateException("listener bug");
          }
        };
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(manual)
            .listener(broken)
            .listener(recording)
            .handle("deploy", (run, ctx) -> {})
            .build();

    d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    assertThat(recording.nextEnded().result()).isEqualTo(EndedRun.Result.SUCCESS);
    assertThat(port.calls).anyMatch(c -> c.contains("status=SUCCESS"));
    assertThat(d.inFlight()).isZero();
  }

  @Test
  void recoveredRun_isOfKindRecovered() throws Exception {
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(new JournalEntry("r_1", "deploy", invocation("r_1", "deploy").raw()));
    }
    RunDispatcher d =
        manualBuilder()
            .journal(RunJournal.open(dir))
            .handle("deploy", (run, ctx) -> {}, HandlerOptions.defaults().resumable())
            .build();
    manual.runAll();

    EndedRun run = recording.nextEnded();
    assertThat(run.kind()).isEqualTo(EndedRun.Kind.RECOVERED);
    assertThat(run.result()).isEqualTo(EndedRun.Result.SUCCESS);
    d.shutdown(Duration.ZERO);
  }

  @Test
  void mdc_handlerThreadHasRunIdAndAction_clearedAfterAndPreviousValuesRestored() {
    CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();
    RunDispatcher d =
        manualBuilder()
            .handle("deploy", (run, ctx) -> seen.complete(MDC.getCopyOfContextMap()))
            .build();
    MDC.put(RunDispatcher.MDC_RUN_ID, "outer");

    d.dispatch(invocation("r_42", "deploy"));
    manual.runAll(); // on this thread: it must get "outer" back

    assertThat(seen.join())
        .containsEntry(RunDispatcher.MDC_RUN_ID, "r_42")
        .containsEntry(RunDispatcher.MDC_ACTION, "deploy");
    assertThat(MDC.get(RunDispatcher.MDC_RUN_ID)).isEqualTo("outer");
    assertThat(MDC.get(RunDispatcher.MDC_ACTION)).isNull();
    MDC.clear();
  }

  @Test
  void maxInFlightAndIsShutDown_reportTheConfiguration() {
    RunDispatcher d = manualBuilder().maxInFlight(7).handle("deploy", (run, ctx) -> {}).build();
    assertThat(d.maxInFlight()).isEqualTo(7);
    assertThat(d.isShutDown()).isFalse();
    d.close();
    assertThat(d.isShutDown()).isTrue();
  }
}
