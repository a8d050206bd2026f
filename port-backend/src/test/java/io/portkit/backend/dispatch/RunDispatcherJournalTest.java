package io.portkit.backend.dispatch;

import static io.portkit.backend.dispatch.RunDispatcherTest.invocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.backend.journal.FaultyDisk;
import io.portkit.backend.journal.JournalEntry;
import io.portkit.backend.journal.RunJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDispatcherJournalTest {
  private static final String RESTARTED_PATCH =
      "PATCH r_1 RunUpdate[status=FAILURE, statusLabel=backend restarted, links=null, summary=the"
          + " backend restarted before the run finished (it stopped without shutting down, for"
          + " example killed or out of memory): run the action again, externalRunId=null]";

  private final FakePort port = new FakePort();
  private final ManualExecutor manual = new ManualExecutor();

  @TempDir Path dir;

  private RunDispatcher.Builder builder(RunJournal journal) {
    return RunDispatcher.builder().contexts(port.contexts()).executor(manual).journal(journal);
  }

  /** Leaves the journal as a process killed while {@code runIds} were running would. */
  private void crashedWith(String action, String... runIds) {
    try (RunJournal j = RunJournal.open(dir)) {
      for (String id : runIds) {
        j.accept(new JournalEntry(id, action, invocation(id, action).raw()));
      }
    }
  }

  @Test
  void dispatch_withJournal_recordsRunBeforeAnsweringAndFinishesItAfterReport() {
    RunJournal journal = RunJournal.open(dir);
    RunDispatcher d = builder(journal).handle("deploy", (run, ctx) -> {}).build();

    DispatchOutcome outcome = d.dispatch(invocation("r_1", "deploy"));

    assertThat(outcome).isEqualTo(DispatchOutcome.accepted());
    assertThat(d.isDurable()).isTrue();
    assertThat(journal.unfinished()).extracting(JournalEntry::runId).containsExactly("r_1");
    assertThat(journal.unfinished().get(0).action()).isEqualTo("deploy");
    manual.runAll();
    assertThat(journal.unfinished()).isEmpty();
    assertThat(journal.contains("r_1")).isTrue();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void dispatch_journalDiskFull_refusedRetryableAndNothingRunsOrIsReported() {
    FaultyDisk disk = new FaultyDisk();
    RunJournal journal = FaultyDisk.open(dir, disk);
    java.util.concurrent.atomic.AtomicInteger runs =
        new java.util.concurrent.atomic.AtomicInteger();
    RunDispatcher d =
        builder(journal).handle("deploy", (run, ctx) -> runs.incrementAndGet()).build();
    disk.fill(10);

    DispatchOutcome first = d.dispatch(invocation("r_1", "deploy"));
    DispatchOutcome second = d.dispatch(invocation("r_2", "deploy"));
    manual.runAll();

    // Retryable, so the webhook answer is 503 and Kafka re-reads the message: never accepted
    // without a record that survives a crash.
    assertThat(first).isInstanceOf(DispatchOutcome.Rejected.class);
    DispatchOutcome.Rejected rejected = (DispatchOutcome.Rejected) first;
    assertThat(rejected.reason()).isEqualTo(DispatchOutcome.Reason.JOURNAL_UNAVAILABLE);
    assertThat(rejected.reason().isRetryable()).isTrue();
    assertThat(rejected.message())
        .startsWith("run r_1 was not started: the backend cannot record it in its run journal")
        .contains("No space left on device")
        .endsWith("fix the journal's disk and run the action again");
    assertThat(((DispatchOutcome.Rejected) second).reason())
        .isEqualTo(DispatchOutcome.Reason.JOURNAL_UNAVAILABLE);
    assertThat(runs).hasValue(0);
    assertThat(port.calls).isEmpty();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void build_unfinishedRunOfPlainHandler_reportsFailureBackendRestartedWithoutRunningIt() {
    crashedWith("deploy", "r_1");
    AtomicInteger runs = new AtomicInteger();
    RunJournal journal = RunJournal.open(dir);

    RunDispatcher d =
        builder(journal).handle("deploy", (run, ctx) -> runs.incrementAndGet()).build();
    List<JournalEntry> beforeReport = journal.unfinished();
    manual.runAll();

    assertThat(beforeReport).extracting(JournalEntry::runId).containsExactly("r_1");
    assertThat(runs).hasValue(0);
    assertThat(port.calls).containsExactly(RESTARTED_PATCH);
    assertThat(journal.unfinished()).isEmpty();
    d.shutdown(Duration.ZERO);
    try (RunJournal again = RunJournal.open(dir)) {
      assertThat(again.unfinished()).isEmpty();
    }
  }

  @Test
  void build_crashDuringRecovery_nextStartEndsTheRunAgain() {
    crashedWith("deploy", "r_1");
    RunJournal first = RunJournal.open(dir);
    ManualExecutor dead = new ManualExecutor();
    builder(first).executor(dead).handle("deploy", (run, ctx) -> {}).build();
    first.close(); // the process dies before its recovery task ran: nothing was reported

    RunJournal second = RunJournal.open(dir);
    RunDispatcher d = builder(second).handle("deploy", (run, ctx) -> {}).build();
    manual.runAll();

    assertThat(dead.queued()).isEqualTo(1);
    assertThat(port.calls).containsExactly(RESTARTED_PATCH);
    assertThat(second.unfinished()).isEmpty();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void build_unfinishedRunOfResumableHandler_runsItAgainWithTheSameBody() {
    crashedWith("deploy", "r_1");
    List<String> seen = new CopyOnWriteArrayList<>();
    RunJournal journal = RunJournal.open(dir);

    RunDispatcher d =
        builder(journal)
            .handle(
                "deploy",
                (run, ctx) -> seen.add(run.runId() + " n=" + run.inputs().get("n")),
                HandlerOptions.defaults().resumable())
            .build();
    manual.runAll();

    assertThat(seen).containsExactly("r_1 n=1");
    assertThat(port.calls)
        .containsExactly(
            "PATCH r_1 RunUpdate[status=SUCCESS, statusLabel=null, links=null, summary=null,"
                + " externalRunId=null]");
    assertThat(journal.unfinished()).isEmpty();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void build_unfinishedRunOfResumableDefaultHandler_runsItAgain() {
    crashedWith("*", "r_1");
    AtomicInteger runs = new AtomicInteger();
    RunJournal journal = RunJournal.open(dir);

    RunDispatcher d =
        builder(journal)
            .defaultHandler(
                (run, ctx) -> runs.incrementAndGet(), HandlerOptions.defaults().resumable())
            .build();
    manual.runAll();

    assertThat(runs).hasValue(1);
    d.shutdown(Duration.ZERO);
  }

  @Test
  void build_unfinishedRunOfActionNoLongerHandled_reportsFailureBackendRestarted() {
    crashedWith("retired", "r_1");
    RunJournal journal = RunJournal.open(dir);

    RunDispatcher d = builder(journal).handle("deploy", (run, ctx) -> {}).build();
    manual.runAll();

    assertThat(port.calls).containsExactly(RESTARTED_PATCH);
    d.shutdown(Duration.ZERO);
  }

  @Test
  void build_unfinishedSynchronizedRun_marksItFinishedWithoutPatching() {
    crashedWith("validate", "r_1");
    RunJournal journal = RunJournal.open(dir);

    RunDispatcher d = builder(journal).sync("validate", (run, ctx) -> {}).build();
    manual.runAll();

    assertThat(port.calls).isEmpty();
    assertThat(journal.unfinished()).isEmpty();
    assertThat(journal.contains("r_1")).isTrue();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void dispatch_runIdJournaledByEarlierProcess_isDuplicateAndNotExecuted() {
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(new JournalEntry("r_1", "deploy", invocation("r_1", "deploy").raw()));
      j.finish("r_1", "SUCCESS");
    }
    AtomicInteger runs = new AtomicInteger();
    RunDispatcher d =
        builder(RunJournal.open(dir))
            .handle("deploy", (run, ctx) -> runs.incrementAndGet())
            .build();

    DispatchOutcome outcome = d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    assertThat(outcome).isEqualTo(DispatchOutcome.duplicate());
    assertThat(runs).hasValue(0);
    assertThat(port.calls).isEmpty();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void dispatch_refusedForCapacity_isReleasedSoARedeliveryRuns() {
    RunJournal journal = RunJournal.open(dir);
    RunDispatcher d =
        builder(journal).maxInFlight(1).maxQueued(0).handle("deploy", (run, ctx) -> {}).build();
    d.dispatch(invocation("r_1", "deploy"));

    DispatchOutcome refused = d.dispatch(invocation("r_2", "deploy"));

    assertThat(refused).isInstanceOf(DispatchOutcome.Saturated.class);
    assertThat(journal.contains("r_2")).isFalse();
    manual.runAll();
    assertThat(d.dispatch(invocation("r_2", "deploy"))).isEqualTo(DispatchOutcome.accepted());
    d.shutdown(Duration.ZERO);
  }

  @Test
  void shutdown_runInFlight_isFinishedInJournalAndJournalClosed() {
    RunJournal journal = RunJournal.open(dir);
    RunDispatcher d = builder(journal).handle("deploy", (run, ctx) -> {}).build();
    d.dispatch(invocation("r_1", "deploy"));

    d.shutdown(Duration.ZERO);

    try (RunJournal again = RunJournal.open(dir)) { // the lock was released
      assertThat(again.unfinished()).isEmpty();
      assertThat(again.contains("r_1")).isTrue();
    }
    assertThat(port.calls).singleElement().asString().contains("statusLabel=backend shut down");
  }

  @Test
  void resumable_synchronized_failsSayingWhy() {
    assertThatThrownBy(() -> HandlerOptions.synchronous().resumable())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a synchronized action cannot be resumed after a restart: its answer was owed to a"
                + " connection that is gone; drop resumable() or synchronous()");
  }
}
