package io.portkit.backend.dispatch;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.journal.HandedOffRun;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.HandOff;
import io.portkit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run handed off to another system still runs there: it gives back its handler slot when its
 * handler returns, but keeps its concurrency key until the hand-off ends (completed, past its
 * deadline), also across a restart (ADR 0238). Two deploys of one service whose first waits for CI
 * must not overlap.
 */
class HandOffKeyTest {
  private static final HandlerOptions BY_SERVICE =
      HandlerOptions.defaults().concurrencyKey(run -> run.entityIdentifier().orElse(null));
  private static final Instant DUE = MutableClock.STANDARD_START.plus(Duration.ofHours(1));

  private final FakePort port = new FakePort();
  private final ManualExecutor manual = new ManualExecutor();
  private final MutableClock clock = MutableClock.standard();
  private final List<String> events = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  // r_1 is handed off to CI; every other run ends at once.
  private RunDispatcher.Builder builder() {
    return builder(
        (run, ctx) -> {
          if (run.runId().equals("r_1")) {
            ctx.handOff(HandOff.of("job-1", DUE, "the CI's callback"));
          }
        });
  }

  // "deploy", keyed by the service, notes each start, then runs {@code handler}.
  private RunDispatcher.Builder builder(RunHandler handler) {
    return RunDispatcher.builder()
        .contexts(port.contexts())
        .executor(manual)
        .clock(clock)
        .maxQueued(100)
        .handle(
            "deploy",
            (run, ctx) -> {
              events.add("start " + run.runId());
              handler.handle(run, ctx);
            },
            BY_SERVICE);
  }

  @Test
  void handedOffRun_keepsItsKey_untilCompleted_thenTheNextRunOfTheKeyStarts() throws Exception {
    RunDispatcher d = builder().build();
    d.dispatch(ConcurrencyKeyTest.on("r_1", "deploy", "checkout"));
    d.dispatch(ConcurrencyKeyTest.on("r_2", "deploy", "checkout"));
    d.dispatch(ConcurrencyKeyTest.on("r_3", "deploy", "payments"));

    manual.runAll();

    assertThat(events).containsExactly("start r_1", "start r_3");
    assertThat(d.inFlight()).as("the handed-off run gave back its slot").isZero();
    assertThat(d.queued()).isOne();
    assertThat(d.handOffs().pending())
        .extracting(HandedOffRun::concurrencyKey)
        .containsExactly("checkout");
    assertThat(port.labelCount("r_2", 1).get(10, SECONDS))
        .isEqualTo("waiting for r_1 (same concurrency key: checkout)");

    d.handOffs().completeRun("r_1", HandOffResult.success("deployed"));
    manual.runAll();

    assertThat(events).containsExactly("start r_1", "start r_3", "start r_2");
    assertThat(port.finalUpdate("r_1").get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
    assertThat(port.finalUpdate("r_2").get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
    assertThat(d.queued()).isZero();
    d.shutdown(Duration.ZERO);
  }

  @Test
  void handOffPastItsDeadline_givesBackTheKey() throws Exception {
    RunDispatcher d = builder().build();
    d.dispatch(ConcurrencyKeyTest.on("r_1", "deploy", "checkout"));
    d.dispatch(ConcurrencyKeyTest.on("r_2", "deploy", "checkout"));
    manual.runAll();
    assertThat(events).containsExactly("start r_1");

    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(d.handOffs().expireOverdue()).isOne();
    manual.runAll();

    assertThat(port.finalUpdate("r_1").get(10, SECONDS).status()).isEqualTo(FinalStatus.FAILURE);
    assertThat(events).containsExactly("start r_1", "start r_2");
    assertThat(port.finalUpdate("r_2").get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
    d.shutdown(Duration.ZERO);
  }

  @Test
  void handOffThatNamesATakenExternalId_isRefused_andItsKeyIsGivenBack() throws Exception {
    RunDispatcher d =
        builder((run, ctx) -> ctx.handOff(HandOff.of("job-same", DUE, "the CI's callback")))
            .build();
    d.dispatch(ConcurrencyKeyTest.on("r_1", "deploy", "checkout"));
    d.dispatch(ConcurrencyKeyTest.on("r_2", "deploy", "payments"));
    d.dispatch(ConcurrencyKeyTest.on("r_3", "deploy", "payments"));
    manual.runAll();

    // r_2's hand-off is refused (r_1 waits for job-same): it ends FAILURE and frees payments.
    assertThat(port.finalUpdate("r_2").get(10, SECONDS).status()).isEqualTo(FinalStatus.FAILURE);
    assertThat(events).containsExactly("start r_1", "start r_2", "start r_3");
    d.shutdown(Duration.ZERO);
  }

  @Test
  void restart_keepsTheKeyOfARunStillHandedOff_aheadOfTheQueuedRunsOfTheJournal() throws Exception {
    try (RunJournal journal = RunJournal.open(dir)) {
      RunDispatcher first = builder().journal(journal).build();
      first.dispatch(ConcurrencyKeyTest.on("r_1", "deploy", "checkout"));
      first.dispatch(ConcurrencyKeyTest.on("r_2", "deploy", "checkout"));
      manual.runAll();
      assertThat(events).containsExactly("start r_1");
      first.shutdown(Duration.ZERO); // with a journal: r_1 stays handed off, r_2 stays queued
    }
    events.clear();

    try (RunJournal journal = RunJournal.open(dir)) {
      RunDispatcher second = builder().journal(journal).build();
      manual.runAll();
      assertThat(events).as("r_2 waits for r_1's hand-off, restored from the journal").isEmpty();
      assertThat(second.handOffs().pending())
          .containsExactly(
              new HandedOffRun("r_1", "deploy", "job-1", DUE, "the CI's callback", "checkout"));
      assertThat(second.queued()).isOne();

      second.handOffs().complete("job-1", HandOffResult.success("deployed"));
      manual.runAll();

      assertThat(events).containsExactly("start r_2");
      assertThat(port.finalUpdate("r_2").get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
      second.shutdown(Duration.ZERO);
    }
  }
}
