package io.portkit.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.PortApiException;
import io.portkit.client.PortClient;
import io.portkit.client.PortTransportException;
import io.portkit.client.RetryPolicy;
import io.portkit.client.entity.Entity;
import io.portkit.client.run.DeferredWriteException;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.HandOff;
import io.portkit.client.run.RunAlreadyFinishedException;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.client.run.RunUpdate;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.Fault;
import io.portkit.testkit.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Write coalescing in the run context (ADR 0220-0223), against the emulator: each merge rule, the
 * delayed flush (fired by hand), refused held writes, synchronized mode, hand-offs, interrupts and
 * many threads writing one run. The emulator's journal counts the calls.
 */
class RunContextCoalescingTest {
  private static final Duration DELAY = Duration.ofMillis(250);

  private final ClientFixture fx = new ClientFixture();
  private final ManualFlushes flushes = new ManualFlushes();
  private final PortClient client =
      fx.client
          .newBuilder()
          .writeCoalescing(DELAY)
          .flushScheduler(flushes)
          .retryPolicy(RetryPolicy.NONE)
          .build();
  private final String id = fx.newRun("deploy");
  private final String runPath = "/v1/actions/runs/" + id;

  @AfterEach
  void close() {
    client.close();
    fx.close();
  }

  private List<RecordedRequest> writes() {
    return fx.port.requests().stream()
        .filter(r -> r.path().equals(runPath) || r.path().equals(runPath + "/logs"))
        .filter(r -> !r.method().equals("GET"))
        .toList();
  }

  private List<String> writeLines() {
    return writes().stream().map(r -> r.method() + " " + r.body()).toList();
  }

  private EmulatedRun state() {
    return fx.port.run(id).orElseThrow();
  }

  private List<String> logs() {
    return state().logs().stream().map(RunLogEntry::message).toList();
  }

  @Test
  void statusLabel_thenLog_oneLogPostCarriesTheLabel() {
    RunContext run = client.runContext(id);

    run.statusLabel("Deploying");
    assertThat(writes()).isEmpty();
    run.log("starting");

    assertThat(writeLines())
        .containsExactly("POST {\"message\":\"starting\",\"statusLabel\":\"Deploying\"}");
    assertThat(state().statusLabel()).isEqualTo("Deploying");
    assertThat(logs()).containsExactly("starting");
  }

  @Test
  void twoLabelsInARow_thenLog_onlyTheLastIsSent() {
    RunContext run = client.runContext(id);

    run.statusLabel("Queued");
    run.statusLabel("Deploying");
    run.log("starting");

    assertThat(writeLines())
        .containsExactly("POST {\"message\":\"starting\",\"statusLabel\":\"Deploying\"}");
  }

  @Test
  void consecutiveLinks_onePatchWithAll_andLinksIncludesHeldOnes() {
    RunContext run = client.runContext(id);

    run.addLink("https://ci/1");
    run.addLink("https://ci/2");
    assertThat(run.links()).containsExactly("https://ci/1", "https://ci/2");
    assertThat(writes()).isEmpty();
    run.log("built");

    assertThat(writeLines())
        .containsExactly(
            "PATCH {\"link\":[\"https://ci/1\",\"https://ci/2\"]}", "POST {\"message\":\"built\"}");
    assertThat(state().links()).containsExactly("https://ci/1", "https://ci/2");
  }

  @Test
  void linksAndLabel_thenLog_onePatchBeforeThePlainLine() {
    RunContext run = client.runContext(id);

    run.addLink("https://ci/1");
    run.statusLabel("Testing");
    run.log("tests started");

    // The link came before the line, so it reaches Port before it; the label rides along.
    assertThat(writeLines())
        .containsExactly(
            "PATCH {\"statusLabel\":\"Testing\",\"link\":[\"https://ci/1\"]}",
            "POST {\"message\":\"tests started\"}");
  }

  @Test
  void summaryLinkAndLabel_thenSucceed_onePatchCarriesAllWithTheStatus() {
    RunContext run = client.runContext(id);

    run.summary("draft");
    run.addLink("https://ci/1");
    run.statusLabel("Done");
    run.succeed("Deployed");

    assertThat(writeLines())
        .containsExactly(
            "PATCH {\"status\":\"SUCCESS\",\"statusLabel\":\"Done\","
                + "\"link\":[\"https://ci/1\"],\"summary\":\"Deployed\"}");
    assertThat(state().status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.outcome().orElseThrow().statusLabel()).isEqualTo("Done");
  }

  @Test
  void summary_thenSucceedWithoutOne_theHeldSummaryIsTheFinalOne() {
    RunContext run = client.runContext(id);

    run.summary("Deployed v2");
    run.succeed(null);

    assertThat(writeLines())
        .containsExactly("PATCH {\"status\":\"SUCCESS\",\"summary\":\"Deployed v2\"}");
    assertThat(run.outcome().orElseThrow().summary()).isEqualTo("Deployed v2");
  }

  @Test
  void heldLabel_sentByTheTimerAfterTheConfiguredDelay() {
    RunContext run = client.runContext(id);

    run.statusLabel("Waiting for approval");
    run.statusLabel("Waiting for the CI");

    assertThat(writes()).isEmpty();
    assertThat(flushes.delays).containsExactly(DELAY); // one timer per batch
    assertThat(flushes.fireAll()).isEqualTo(1);
    assertThat(writeLines()).containsExactly("PATCH {\"statusLabel\":\"Waiting for the CI\"}");
    assertThat(state().statusLabel()).isEqualTo("Waiting for the CI");
  }

  @Test
  void timerOfABatchAlreadySent_doesNotSendTheNextBatchEarly() {
    RunContext run = client.runContext(id);
    run.statusLabel("A");
    run.log("one"); // sends A
    run.statusLabel("B"); // a new batch, with its own timer

    assertThat(flushes.fireNext()).isTrue(); // A's timer: nothing of its batch is left
    assertThat(writes()).hasSize(1);
    assertThat(flushes.fireNext()).isTrue(); // B's timer
    assertThat(writeLines()).last().isEqualTo("PATCH {\"statusLabel\":\"B\"}");
  }

  @Test
  void entityWrite_sendsWhatIsHeldFirst() {
    RunContext run = client.runContext(id);
    run.statusLabel("Registering");

    run.upsertEntity("service", Entity.builder("svc-1").title("Svc").build());

    List<RecordedRequest> all =
        fx.port.requests().stream().filter(r -> !r.method().equals("GET")).toList();
    assertThat(all.get(all.size() - 2).path()).isEqualTo(runPath);
    assertThat(all.get(all.size() - 1).path()).startsWith("/v1/blueprints/service/entities");
  }

  @Test
  void heldWriteRefused_nextCallThrowsItOnce_thenTheRunCarriesOn() {
    RunContext run = client.runContext(id);
    run.statusLabel("bad label");
    fx.port.inject(Fault.failNext(1, 422).on("PATCH", runPath));

    assertThat(flushes.fireAll()).isEqualTo(1); // no caller: nothing thrown here

    assertThatThrownBy(() -> run.log("next"))
        .isInstanceOf(DeferredWriteException.class)
        .hasMessageStartingWith(
            "run " + id + ": Port refused an earlier write held for coalescing (statusLabel)")
        .hasMessageContaining("those fields were not applied");
    assertThat(logs()).isEmpty(); // the call that threw did nothing else
    run.log("next");
    run.succeed("done");
    assertThat(logs()).containsExactly("next");
    assertThat(state().statusLabel()).isNull();
    assertThat(state().status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void heldWriteRefused_finalThrowsIt_andIsNotFinished_thenTheFinalGoesThrough() {
    RunContext run = client.runContext(id);
    run.addLink("https://ci/1");
    fx.port.inject(Fault.failNext(1, 413).on("PATCH", runPath));
    flushes.fireAll();

    assertThatThrownBy(() -> run.succeed("done"))
        .isInstanceOf(DeferredWriteException.class)
        .satisfies(e -> assertThat(((DeferredWriteException) e).fields()).isEqualTo("link"));
    assertThat(run.isFinished()).isFalse();
    assertThat(run.links()).isEmpty(); // as Port has them

    run.fail("a link was refused");
    assertThat(state().status()).isEqualTo(RunStatus.FAILURE);
  }

  @Test
  void finalCarryingAHeldLinkRefused_throwsNamingTheLink_andTheFinalCanBeSentAgain() {
    RunContext run = client.runContext(id);
    run.addLink("https://ci/1");
    fx.port.inject(Fault.failNext(1, 422).on("PATCH", runPath));

    assertThatThrownBy(() -> run.succeed("done"))
        .isInstanceOf(DeferredWriteException.class)
        .satisfies(e -> assertThat(((DeferredWriteException) e).fields()).isEqualTo("link"));
    assertThat(run.isFinished()).isFalse();

    run.fail("the link was refused"); // the held link is gone: it cannot block this one
    assertThat(writeLines())
        .last()
        .isEqualTo("PATCH {\"status\":\"FAILURE\",\"summary\":\"the link was refused\"}");
    assertThat(state().status()).isEqualTo(RunStatus.FAILURE);
  }

  @Test
  void heldLinksRefusedBeforeALine_lineNotSent_linksAsPortHasThem_nextLineWorks() {
    RunContext run = client.runContext(id);
    run.addLink("https://ci/1");
    fx.port.inject(Fault.failNext(1, 422).on("PATCH", runPath));

    assertThatThrownBy(() -> run.log("built")).isInstanceOf(DeferredWriteException.class);
    assertThat(run.links()).isEmpty();
    assertThat(logs()).isEmpty();

    run.log("built");
    assertThat(logs()).containsExactly("built");
  }

  @Test
  void lineCarryingAHeldLabelRefused_throwsPortsError_andDropsTheLabel() {
    RunContext run = client.runContext(id);
    run.statusLabel("Deploying");
    fx.port.inject(Fault.failNext(1, 413).on("POST", runPath + "/logs"));

    assertThatThrownBy(() -> run.log("huge"))
        .isInstanceOf(PortApiException.class)
        .isNotInstanceOf(DeferredWriteException.class);
    run.log("small");

    assertThat(writeLines()).last().isEqualTo("POST {\"message\":\"small\"}");
  }

  @Test
  void heldWriteFailsTransiently_keptAndSentWithTheNextWrite() {
    RunContext run = client.runContext(id);
    run.statusLabel("Deploying");
    fx.port.inject(Fault.failNext(1, 503).on("PATCH", runPath));

    flushes.fireAll();
    run.log("still here"); // no exception: the label goes on this line

    assertThat(writeLines())
        .last()
        .isEqualTo("POST {\"message\":\"still here\",\"statusLabel\":\"Deploying\"}");
    assertThat(state().statusLabel()).isEqualTo("Deploying");
  }

  @Test
  void synchronizedMode_succeedSendsHeldFieldsAndSummaryWithoutStatus_inOnePatch() {
    String sync = fx.newRun("deploy_sync");
    RunContext run = client.runContext(sync, RunContext.Mode.SYNCHRONIZED);

    run.statusLabel("Checking");
    run.addLink("https://ci/1");
    run.succeed("Checked");

    assertThat(fx.requests("PATCH", "/v1/actions/runs/" + sync))
        .extracting(RecordedRequest::body)
        .containsExactly(
            "{\"statusLabel\":\"Checking\",\"link\":[\"https://ci/1\"],\"summary\":\"Checked\"}");
    assertThat(run.outcome().orElseThrow().status()).isEqualTo(FinalStatus.SUCCESS);
    assertThat(fx.port.run(sync).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);
  }

  @Test
  void synchronizedMode_flush_sendsWhatIsHeldBeforeTheAnswer() {
    String sync = fx.newRun("deploy_sync");
    RunContext run = client.runContext(sync, RunContext.Mode.SYNCHRONIZED);
    run.statusLabel("Checked");

    run.flush();
    run.flush(); // nothing held: nothing sent

    assertThat(fx.requests("PATCH", "/v1/actions/runs/" + sync))
        .extracting(RecordedRequest::body)
        .containsExactly("{\"statusLabel\":\"Checked\"}");
  }

  @Test
  void handOff_sendsHeldWritesWithTheExternalIdAtOnce() {
    RunContext run = client.runContext(id);
    run.addLink("https://ci/1");

    run.handOff(HandOff.of("job-7", Instant.parse("2026-01-02T00:00:00Z"), "the CI"));

    assertThat(writeLines())
        .containsExactly(
            "PATCH {\"statusLabel\":\"waiting for the CI\",\"link\":[\"https://ci/1\"],"
                + "\"externalRunId\":\"job-7\"}");
  }

  @Test
  void afterTheFinal_writesStillThrowAndFlushDoesNothing() {
    RunContext run = client.runContext(id);
    run.succeed("done");

    assertThatThrownBy(() -> run.statusLabel("late"))
        .isInstanceOf(RunAlreadyFinishedException.class);
    assertThatThrownBy(() -> run.addLink("https://late"))
        .isInstanceOf(RunAlreadyFinishedException.class);
    run.flush();
    assertThat(flushes.fireAll()).isZero();
    assertThat(writes()).hasSize(1);
  }

  @Test
  void interruptedCall_keepsTheHeldWrites_andTheDispatchersFinalCarriesThem() throws Exception {
    RunContext run = client.runContext(id);
    run.addLink("https://ci/1");

    Thread.currentThread().interrupt(); // as the dispatcher does to a handler at its timeout
    assertThatThrownBy(() -> run.log("interrupted")).isInstanceOf(PortTransportException.class);
    assertThat(Thread.interrupted()).isTrue();

    ExecutorService reporter = Executors.newSingleThreadExecutor();
    try {
      reporter
          .submit(
              () ->
                  run.update(
                      RunUpdate.builder()
                          .status(FinalStatus.FAILURE)
                          .statusLabel("timed out")
                          .build()))
          .get(10, TimeUnit.SECONDS);
    } finally {
      reporter.shutdown();
    }
    assertThat(state().status()).isEqualTo(RunStatus.FAILURE);
    assertThat(state().links()).containsExactly("https://ci/1");
    assertThat(state().statusLabel()).isEqualTo("timed out");
  }

  @Test
  void coalescingOff_everyWriteIsItsOwnCall() {
    try (PortClient off = client.newBuilder().writeCoalescing(Duration.ZERO).build()) {
      RunContext run = off.runContext(id);
      run.statusLabel("Deploying");
      run.addLink("https://ci/1");
      run.log("starting");
      run.succeed("done");
    }
    assertThat(writes()).hasSize(4);
    assertThat(flushes.delays).isEmpty();
  }

  @Test
  void closedClient_sendsWritesAtOnce() {
    PortClient own = fx.client.newBuilder().build(); // its own daemon timer
    own.close();
    own.runContext(id).statusLabel("Deploying");

    assertThat(writeLines()).containsExactly("PATCH {\"statusLabel\":\"Deploying\"}");
  }

  @Test
  void writeCoalescing_negative_refusedNamingTheSetting() {
    assertThatThrownBy(() -> PortClient.builder().writeCoalescing(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("writeCoalescing must be zero (off) or positive, such as 250 ms: PT-0.001S");
  }

  @Test
  void manyThreadsWritingOneRun_everyLogAndLinkArrives_inFewerCalls() throws Exception {
    RunContext run = client.runContext(id);
    int threads = 8;
    int each = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    try {
      // A timer thread fires flushes while the writers run, as the daemon timer would.
      Future<?> timer =
          pool.submit(
              () -> {
                while (writing.get()) {
                  flushes.fireNext();
                }
                return null;
              });
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    run.statusLabel("t" + thread + " step " + i);
                    run.addLink("https://ci/" + thread + "/" + i);
                    run.log("t" + thread + " line " + i);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      timer.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    run.succeed("done");

    int ops = threads * each;
    assertThat(Set.copyOf(logs())).hasSize(ops);
    assertThat(state().links()).hasSize(ops).doesNotHaveDuplicates();
    assertThat(run.links()).isEqualTo(state().links());
    assertThat(state().status()).isEqualTo(RunStatus.SUCCESS);
    // Never more calls than without coalescing (a label, a link and a line each, plus the final).
    assertThat(writes().size()).isLessThanOrEqualTo(3 * ops + 1);
    for (int t = 0; t < threads; t++) {
      List<String> own = new ArrayList<>();
      for (String line : logs()) {
        if (line.startsWith("t" + t + " ")) {
          own.add(line);
        }
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        expected.add("t" + t + " line " + i);
      }
      assertThat(own).as("thread %d's lines in its call order", t).isEqualTo(expected);
    }
  }
}
