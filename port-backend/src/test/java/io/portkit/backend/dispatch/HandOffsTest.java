package io.portkit.backend.dispatch;

import static io.portkit.backend.dispatch.RunDispatcherTest.invocation;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.Completion.Kind;
import io.portkit.backend.journal.HandedOffRun;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.HandOff;
import io.portkit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandOffsTest {
  private static final Instant DUE = MutableClock.STANDARD_START.plus(Duration.ofHours(1));
  private static final RunHandler HAND_OFF =
      (run, ctx) -> {
        ctx.addLink("https://ci.example.com/jobs/42");
        ctx.handOff(HandOff.of("job-42", DUE, "the CI's callback"));
      };

  private final FakePort port = new FakePort();
  private final ManualExecutor manual = new ManualExecutor();
  private final MutableClock clock = MutableClock.standard();

  @TempDir Path dir;

  private RunDispatcher.Builder builder() {
    return RunDispatcher.builder().contexts(port.contexts()).executor(manual).clock(clock);
  }

  @Test
  void handOff_handlerReturns_runStaysInProgressWithExternalIdAndIsAwaited() {
    RunDispatcher d = builder().handle("deploy", HAND_OFF).build();

    d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    assertThat(port.callsFor("r_1"))
        .containsExactly(
            "PATCH r_1 RunUpdate[status=null, statusLabel=null,"
                + " links=[https://ci.example.com/jobs/42], summary=null, externalRunId=null]",
            "PATCH r_1 RunUpdate[status=null, statusLabel=waiting for the CI's callback,"
                + " links=null, summary=null, externalRunId=job-42]");
    assertThat(port.finalUpdate("r_1")).isNotDone();
    assertThat(d.handOffs().pending())
        .containsExactly(new HandedOffRun("r_1", "deploy", "job-42", DUE, "the CI's callback"));
    assertThat(d.inFlight()).isZero();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void complete_byExternalId_endsTheRunOnce_andASecondCompletionChangesNothing() {
    RunDispatcher d = builder().handle("deploy", HAND_OFF).build();
    d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();
    HandOffResult passed =
        HandOffResult.builder(FinalStatus.SUCCESS)
            .summary("pipeline passed")
            .link("https://ci.example.com/jobs/42/report")
            .lastLog("318 tests passed")
            .build();

    Completion first = d.handOffs().complete("job-42", passed);
    int calls = port.calls.size();
    Completion second = d.handOffs().complete("job-42", HandOffResult.failure("late"));
    Completion byRunId = d.handOffs().completeRun("r_1", HandOffResult.failure("late"));

    assertThat(first.kind()).isEqualTo(Kind.COMPLETED);
    assertThat(first.message()).isEqualTo("run r_1 (job-42) ended SUCCESS");
    assertThat(port.calls.subList(calls - 2, calls))
        .containsExactly(
            "LOG r_1 318 tests passed",
            "PATCH r_1 RunUpdate[status=SUCCESS, statusLabel=completed,"
                + " links=[https://ci.example.com/jobs/42/report], summary=pipeline passed,"
                + " externalRunId=null]");
    assertThat(second.kind()).isEqualTo(Kind.ALREADY_FINISHED);
    assertThat(second.message())
        .isEqualTo("run r_1 (job-42) had already ended SUCCESS: nothing changed");
    assertThat(byRunId.kind()).isEqualTo(Kind.ALREADY_FINISHED);
    assertThat(port.calls).hasSize(calls);
    assertThat(d.handOffs().pending()).isEmpty();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void deadline_passes_runEndsFailureNamingSourceAndDeadline_andALateCompletionChangesNothing() {
    RunDispatcher d = builder().handle("deploy", HAND_OFF).build();
    d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    assertThat(d.handOffs().expireOverdue()).isZero();
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    int expired = d.handOffs().expireOverdue();
    int calls = port.calls.size();
    Completion late = d.handOffs().complete("job-42", HandOffResult.success("passed"));

    assertThat(expired).isOne();
    assertThat(port.finalUpdate("r_1").join())
        .isEqualTo(
            io.portkit.client.run.RunUpdate.builder()
                .status(FinalStatus.FAILURE)
                .statusLabel("no completion")
                .summary(
                    "no completion came from the CI's callback for job-42 by the deadline"
                        + " 2026-01-01T01:00:00Z: see whether it finished there, then run the"
                        + " action again")
                .build());
    assertThat(late.kind()).isEqualTo(Kind.PAST_DEADLINE);
    assertThat(late.message())
        .isEqualTo(
            "run r_1 (job-42) ended FAILURE at its deadline 2026-01-01T01:00:00Z with no"
                + " completion: this one came too late and changed nothing");
    assertThat(port.calls).hasSize(calls);
    d.shutdown(Duration.ZERO);
  }

  @Test
  void complete_afterTheDeadlineBeforeItFired_endsFailureAndSaysSo() {
    RunDispatcher d = builder().handle("deploy", HAND_OFF).build();
    d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();
    clock.advance(Duration.ofHours(2));

    Completion late = d.handOffs().complete("job-42", HandOffResult.success("passed"));

    assertThat(late.kind()).isEqualTo(Kind.PAST_DEADLINE);
    assertThat(late.message()).contains("was due by 2026-01-01T01:00:00Z", "nothing of this");
    assertThat(port.finalUpdate("r_1").join().status()).isEqualTo(FinalStatus.FAILURE);
    assertThat(port.finalUpdate("r_1").join().statusLabel()).isEqualTo("no completion");
    d.shutdown(Duration.ZERO);
  }

  @Test
  void complete_unknownId_isNotFoundAndCallsNothing() {
    RunDispatcher d = builder().handle("deploy", HAND_OFF).build();

    Completion c = d.handOffs().complete("job-9", HandOffResult.success(null));

    assertThat(c.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(c.runId()).isNull();
    assertThat(port.calls).isEmpty();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void journal_handOffSurvivesShutdown_andTheNextDispatcherCompletesIt() {
    RunDispatcher first =
        builder().journal(RunJournal.open(dir)).handle("deploy", HAND_OFF).build();
    first.dispatch(invocation("r_1", "deploy"));
    manual.runAll();
    first.shutdown(Duration.ZERO);
    assertThat(port.finalUpdate("r_1")).isNotDone();

    RunJournal journal = RunJournal.open(dir);
    RunDispatcher second = builder().journal(journal).handle("deploy", HAND_OFF).build();
    List<HandedOffRun> restored = second.handOffs().pending();
    Completion done = second.handOffs().completeRun("r_1", HandOffResult.success("passed"));

    assertThat(restored).extracting(HandedOffRun::externalRunId).containsExactly("job-42");
    assertThat(journal.unfinished()).isEmpty();
    assertThat(done.isCompleted()).isTrue();
    assertThat(port.finalUpdate("r_1").join().status()).isEqualTo(FinalStatus.SUCCESS);
    assertThat(journal.handedOff()).isEmpty();
    assertThat(second.dispatch(invocation("r_1", "deploy"))).isEqualTo(DispatchOutcome.duplicate());
    second.shutdown(Duration.ZERO);
    try (RunJournal again = RunJournal.open(dir)) {
      assertThat(again.handedOff()).isEmpty();
      assertThat(again.unfinished()).isEmpty();
    }
  }

  @Test
  void shutdown_withoutJournal_endsAwaitedRunsFailureBackendShutDown() {
    RunDispatcher d = builder().handle("deploy", HAND_OFF).build();
    d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    d.shutdown(Duration.ZERO);

    assertThat(port.finalUpdate("r_1").join().statusLabel()).isEqualTo("backend shut down");
    assertThat(port.finalUpdate("r_1").join().summary())
        .startsWith("the backend shut down while waiting for the CI's callback (job-42)");
  }

  @Test
  void handOff_sameExternalIdAsAnAwaitedRun_endsTheSecondRunFailure() {
    RunDispatcher d = builder().handle("deploy", HAND_OFF).build();
    d.dispatch(invocation("r_1", "deploy"));
    d.dispatch(invocation("r_2", "deploy"));
    manual.runAll();

    assertThat(port.finalUpdate("r_2").join().statusLabel()).isEqualTo("hand-off refused");
    assertThat(port.finalUpdate("r_2").join().summary())
        .isEqualTo("run r_1 already waits for job-42: give each hand-off its own external id");
    assertThat(d.handOffs().pending()).extracting(HandedOffRun::runId).containsExactly("r_1");
    d.shutdown(Duration.ZERO);
  }

  @Test
  void handOff_thenThrow_endsFailureAndNothingIsAwaited() {
    RunDispatcher d =
        builder()
            .handle(
                "deploy",
                (run, ctx) -> {
                  HAND_OFF.handle(run, ctx);
                  throw new IllegalStateException("CI refused the job");
                })
            .build();
    d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    assertThat(port.finalUpdate("r_1").join().summary())
        .isEqualTo("handler failed: IllegalStateException: CI refused the job");
    assertThat(d.handOffs().pending()).isEmpty();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void handOff_ofASynchronizedRun_isRefusedAndTheAnswerSaysHandlerError() {
    RunDispatcher d = builder().sync("validate", HAND_OFF).build();

    java.util.concurrent.CompletableFuture<DispatchOutcome> answer =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> d.dispatch(invocation("r_1", "validate")));
    while (manual.queued() == 0 && !answer.isDone()) {
      Thread.onSpinWait();
    }
    manual.runAll();

    DispatchOutcome.Completed done = (DispatchOutcome.Completed) answer.join();
    assertThat(done.result().cause()).isEqualTo(DispatchOutcome.SyncResult.Cause.HANDLER_ERROR);
    assertThat(done.result().summary()).contains("is synchronized", "cannot be handed off");
    d.shutdown(Duration.ZERO);
  }
}
