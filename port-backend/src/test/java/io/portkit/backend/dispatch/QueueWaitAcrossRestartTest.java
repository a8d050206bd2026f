package io.portkit.backend.dispatch;

import static io.portkit.backend.dispatch.RunDispatcherTest.invocation;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.journal.JournalEntry;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.RunUpdate;
import io.portkit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run queued again after a restart keeps counting, against its timeout, the wait it began before
 * the restart (ADR 0239): the journal records when each run was accepted.
 */
class QueueWaitAcrossRestartTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final FakePort port = new FakePort();
  private final ManualExecutor manual = new ManualExecutor();
  private final MutableClock clock = MutableClock.standard();
  private final List<String> started = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  // One slot: r_0, accepted just now, takes it, so r_2 waits in the queue behind it.
  private RunDispatcher restartWith(Duration r2WaitedBefore) {
    Instant now = clock.instant();
    try (RunJournal j =
        RunJournal.open(dir)) { // as a process killed with two runs queued leaves it
      j.accept(queued("r_0", now));
      j.accept(queued("r_2", now.minus(r2WaitedBefore)));
    }
    return RunDispatcher.builder()
        .contexts(port.contexts())
        .executor(manual)
        .clock(clock)
        .maxInFlight(1)
        .journal(RunJournal.open(dir))
        .handle(
            "deploy",
            (run, ctx) -> started.add(run.runId()),
            HandlerOptions.defaults().timeout(TIMEOUT))
        .build();
  }

  private static JournalEntry queued(String runId, Instant acceptedAt) {
    return new JournalEntry(runId, "deploy", invocation(runId, "deploy").raw(), false, acceptedAt);
  }

  @Test
  void queuedRunThatWaitedPastItsTimeoutBeforeTheRestart_endsWaitedTooLong_withoutStarting()
      throws Exception {
    RunDispatcher d = restartWith(Duration.ofMinutes(40));

    RunUpdate r2 = port.finalUpdate("r_2").get(10, SECONDS);
    manual.runAll();

    assertThat(r2.status()).isEqualTo(FinalStatus.FAILURE);
    assertThat(r2.statusLabel()).isEqualTo("waited too long");
    assertThat(r2.summary()).startsWith("run waited 1800 s for a free handler slot");
    assertThat(started).containsExactly("r_0");
    d.shutdown(Duration.ZERO);
  }

  @Test
  void queuedRunWithTimeLeft_runs_andItsLabelCountsTheWaitBeforeTheRestart() throws Exception {
    RunDispatcher d = restartWith(Duration.ofMinutes(10));

    manual.runAll(); // r_0 ends, then r_2 starts

    assertThat(started).containsExactly("r_0", "r_2");
    assertThat(port.finalUpdate("r_2").get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
    assertThat(port.labelCount("r_2", 2).get(10, SECONDS)).startsWith("started after waiting 600");
    d.shutdown(Duration.ZERO);
  }

  @Test
  void acceptanceTime_isJournaled_andKeptByTheStartedMarkAndByCompaction() throws Exception {
    Instant at = Instant.parse("2026-03-01T10:15:30Z");
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(queued("r_1", at));
      j.accept(new JournalEntry("r_2", "deploy", invocation("r_2", "deploy").raw(), false));
      j.start("r_1");
    }
    for (int open = 1; open <= 2; open++) { // each open compacts and writes the records again
      try (RunJournal j = RunJournal.open(dir)) {
        assertThat(j.unfinished())
            .extracting(JournalEntry::runId, JournalEntry::started, JournalEntry::acceptedAt)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("r_1", true, at),
                org.assertj.core.groups.Tuple.tuple("r_2", false, null));
      }
    }
  }
}
