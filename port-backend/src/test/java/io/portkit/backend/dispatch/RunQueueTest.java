package io.portkit.backend.dispatch;

import static io.portkit.backend.dispatch.RunDispatcherTest.invocation;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.journal.JournalEntry;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.RunUpdate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs beyond maxInFlight wait in a bounded queue instead of being refused. */
class RunQueueTest {
  private final FakePort port = new FakePort();
  private final ManualExecutor manual = new ManualExecutor();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<String> started = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private RunDispatcher.Builder builder() {
    return RunDispatcher.builder()
        .contexts(port.contexts())
        .executor(manual)
        .handle("deploy", (run, ctx) -> started.add(run.runId()));
  }

  @Test
  void burstBeyondMaxInFlight_withJournal_queuesAndRunsEachOnceInArrivalOrder() throws Exception {
    RunJournal journal = RunJournal.open(dir);
    RunDispatcher d = builder().journal(journal).maxInFlight(2).build();

    List<DispatchOutcome> outcomes =
        List.of("r_1", "r_2", "r_3", "r_4", "r_5").stream()
            .map(id -> d.dispatch(invocation(id, "deploy")))
            .toList();

    assertThat(outcomes).containsOnly(DispatchOutcome.accepted());
    assertThat(d.inFlight()).isEqualTo(2);
    assertThat(d.queued()).isEqualTo(3);
    assertThat(d.maxQueued()).isEqualTo(RunDispatcher.Builder.DEFAULT_MAX_QUEUED_WITH_JOURNAL);
    assertThat(journal.unfinished())
        .extracting(JournalEntry::runId, JournalEntry::started)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r_1", true),
            org.assertj.core.groups.Tuple.tuple("r_2", true),
            org.assertj.core.groups.Tuple.tuple("r_3", false),
            org.assertj.core.groups.Tuple.tuple("r_4", false),
            org.assertj.core.groups.Tuple.tuple("r_5", false));
    assertThat(port.labelCount("r_3", 1).get(10, SECONDS)).isEqualTo("queued, next to start");
    assertThat(port.labelCount("r_5", 1).get(10, SECONDS)).isEqualTo("queued, 2 ahead");

    manual.runAll(); // each run that ends starts the next one on the same (test) thread

    assertThat(started).containsExactly("r_1", "r_2", "r_3", "r_4", "r_5");
    for (String id : List.of("r_1", "r_2", "r_3", "r_4", "r_5")) {
      assertThat(port.finalUpdate(id).get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
      assertThat(port.callsFor(id).stream().filter(c -> c.contains("status=SUCCESS"))).hasSize(1);
    }
    assertThat(port.labelCount("r_5", 2).get(10, SECONDS)).startsWith("started after waiting");
    assertThat(port.labels("r_1")).isEmpty(); // a run that never waited gets no label call
    assertThat(journal.unfinished()).isEmpty();
    assertThat(d.queued()).isZero();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void queueFull_answers503NamingBothBounds() {
    RunDispatcher d = builder().journal(RunJournal.open(dir)).maxInFlight(1).maxQueued(1).build();
    d.dispatch(invocation("r_1", "deploy"));
    d.dispatch(invocation("r_2", "deploy"));

    DispatchOutcome full = d.dispatch(invocation("r_3", "deploy"));

    assertThat(full)
        .isEqualTo(
            DispatchOutcome.saturated(
                "the run queue is full: 1 runs are in flight (maxInFlight=1) and 1 wait"
                    + " (maxQueued=1): run r_3 was not started; run the action again later, or"
                    + " raise maxQueued or maxInFlight"));
    d.shutdown(Duration.ZERO);
  }

  @Test
  void withoutJournal_defaultQueuesNothing_andSaysHowToQueue() {
    RunDispatcher d = builder().maxInFlight(1).build();
    d.dispatch(invocation("r_1", "deploy"));

    DispatchOutcome full = d.dispatch(invocation("r_2", "deploy"));

    assertThat(d.maxQueued()).isZero();
    assertThat(((DispatchOutcome.Saturated) full).message())
        .contains("maxInFlight=1", "maxQueued=0", "run r_2 was not started", "journal");
  }

  @Test
  void syncRun_isNeverQueued() {
    RunDispatcher d =
        builder()
            .journal(RunJournal.open(dir))
            .maxInFlight(1)
            .sync("validate", (run, ctx) -> ctx.succeed("ok"))
            .build();
    d.dispatch(invocation("r_1", "deploy"));

    DispatchOutcome refused = d.dispatch(invocation("r_2", "validate"));

    assertThat(((DispatchOutcome.Saturated) refused).message())
        .contains("synchronized run r_2 was not started", "never queued", "maxInFlight=1");
    assertThat(d.queued()).isZero();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void shutdown_withJournal_queuedRunsStayForTheNextStartAndThenRun() throws Exception {
    RunDispatcher first = builder().journal(RunJournal.open(dir)).maxInFlight(1).build();
    first.dispatch(invocation("r_1", "deploy"));
    first.dispatch(invocation("r_2", "deploy"));
    first.dispatch(invocation("r_3", "deploy"));

    first.shutdown(Duration.ZERO); // r_1 never ran on the manual executor: FAILURE shut down

    assertThat(port.finalUpdate("r_1").get(10, SECONDS).statusLabel())
        .isEqualTo("backend shut down");
    assertThat(port.finalUpdate("r_2")).isNotDone();
    RunJournal journal = RunJournal.open(dir);
    assertThat(journal.unfinished())
        .extracting(JournalEntry::runId, JournalEntry::started)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r_2", false),
            org.assertj.core.groups.Tuple.tuple("r_3", false));

    ManualExecutor later = new ManualExecutor();
    RunDispatcher second = builder().executor(later).journal(journal).maxInFlight(1).build();
    later.runAll();

    assertThat(started).containsExactly("r_2", "r_3");
    assertThat(port.finalUpdate("r_2").get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
    assertThat(port.finalUpdate("r_3").get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
    second.shutdown(Duration.ZERO);
  }

  @Test
  void restart_startedRunEndsRestarted_queuedRunRuns() throws Exception {
    try (RunJournal j = RunJournal.open(dir)) { // as a process killed mid-run leaves it
      j.accept(new JournalEntry("r_1", "deploy", invocation("r_1", "deploy").raw(), true));
      j.accept(new JournalEntry("r_2", "deploy", invocation("r_2", "deploy").raw(), false));
      j.accept(new JournalEntry("r_3", "deploy", invocation("r_3", "deploy").raw(), false));
      j.start("r_3");
    }

    RunDispatcher d = builder().journal(RunJournal.open(dir)).build();
    manual.runAll();

    assertThat(started).containsExactly("r_2");
    assertThat(port.finalUpdate("r_1").get(10, SECONDS).statusLabel())
        .isEqualTo("backend restarted");
    assertThat(port.finalUpdate("r_3").get(10, SECONDS).statusLabel())
        .isEqualTo("backend restarted");
    assertThat(port.finalUpdate("r_2").get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
    d.shutdown(Duration.ZERO);
  }

  @Test
  void shutdown_withoutJournal_queuedRunsEndShutDown() throws Exception {
    RunDispatcher d = builder().maxInFlight(1).maxQueued(5).build();
    d.dispatch(invocation("r_1", "deploy"));
    DispatchOutcome queued = d.dispatch(invocation("r_2", "deploy"));

    d.shutdown(Duration.ZERO);

    assertThat(queued).isEqualTo(DispatchOutcome.accepted());
    RunUpdate r2 = port.finalUpdate("r_2").get(10, SECONDS);
    assertThat(r2.status()).isEqualTo(FinalStatus.FAILURE);
    assertThat(r2.statusLabel()).isEqualTo("backend shut down");
    assertThat(started).isEmpty();
  }

  @Test
  void queuedRunPastItsTimeout_endsFailureSayingItWaited() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .maxInFlight(1)
            .maxQueued(5)
            .handle("block", (run, ctx) -> release.await())
            .handle(
                "deploy",
                (run, ctx) -> started.add(run.runId()),
                HandlerOptions.defaults().timeout(Duration.ofMillis(50)))
            .build();
    d.dispatch(invocation("r_1", "block"));
    d.dispatch(invocation("r_2", "deploy"));

    RunUpdate r2 = port.finalUpdate("r_2").get(10, SECONDS);

    assertThat(r2.status()).isEqualTo(FinalStatus.FAILURE);
    assertThat(r2.statusLabel()).isEqualTo("waited too long");
    assertThat(r2.summary())
        .startsWith("run waited 50 ms for a free handler slot (maxInFlight=1) and never started");
    assertThat(d.queued()).isZero();
    release.countDown();
    assertThat(port.finalUpdate("r_1").get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
    assertThat(started).isEmpty();
    d.shutdown(Duration.ofSeconds(5));
  }
}
