package io.portkit.backend.dispatch;

import static io.portkit.backend.dispatch.RunDispatcherTest.invocation;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.RunInvocationParser;
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

/** Runs with one concurrency key run one at a time, in arrival order. */
class ConcurrencyKeyTest {
  private static final HandlerOptions BY_SERVICE =
      HandlerOptions.defaults().concurrencyKey(run -> run.entityIdentifier().orElse(null));

  private final FakePort port = new FakePort();
  private final ManualExecutor manual = new ManualExecutor();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<String> events = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** A run of {@code action} on the entity {@code service}. */
  static RunInvocation on(String runId, String action, String service) {
    String body =
        "{\"port_context\":{\"runId\":\""
            + runId
            + "\",\"action\":\""
            + action
            + "\",\"entity\":\""
            + service
            + "\"},\"entity\":{\"identifier\":\""
            + service
            + "\"},\"inputs\":{}}";
    return new RunInvocationParser().parse(RequestHeaders.empty(), body.getBytes(UTF_8));
  }

  private RunDispatcher.Builder builder(HandlerOptions options) {
    return RunDispatcher.builder()
        .contexts(port.contexts())
        .executor(manual)
        .maxQueued(100)
        .handle(
            "deploy",
            (run, ctx) -> {
              events.add("start " + run.runId());
              events.add("end " + run.runId());
            },
            options);
  }

  @Test
  void sameKey_runsOneAtATimeInArrivalOrder_otherKeysDoNotWait() throws Exception {
    RunDispatcher d = builder(BY_SERVICE).build();

    d.dispatch(on("r_1", "deploy", "checkout"));
    d.dispatch(on("r_2", "deploy", "checkout"));
    d.dispatch(on("r_3", "deploy", "payments"));
    d.dispatch(on("r_4", "deploy", "checkout"));

    assertThat(d.inFlight()).isEqualTo(2); // r_1 and r_3: the other two wait for checkout
    assertThat(d.queued()).isEqualTo(2);
    assertThat(manual.queued()).isEqualTo(2);
    manual.runAll();

    assertThat(events)
        .containsExactly(
            "start r_1",
            "end r_1",
            "start r_3",
            "end r_3",
            "start r_2",
            "end r_2",
            "start r_4",
            "end r_4");
    for (String id : List.of("r_1", "r_2", "r_3", "r_4")) {
      assertThat(port.finalUpdate(id).get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
    }
    assertThat(d.queued()).isZero();
  }

  @Test
  void waitingRun_showsTheRunItWaitsFor() throws Exception {
    RunDispatcher d = builder(BY_SERVICE).build();
    d.dispatch(on("r_1", "deploy", "checkout"));

    d.dispatch(on("r_2", "deploy", "checkout"));
    d.dispatch(on("r_3", "deploy", "checkout"));

    assertThat(port.labelCount("r_2", 1).get(10, SECONDS))
        .isEqualTo("waiting for r_1 (same concurrency key: checkout)");
    assertThat(port.labelCount("r_3", 1).get(10, SECONDS))
        .isEqualTo("waiting for r_1 (same concurrency key: checkout), 2 ahead");
    manual.runAll();
    assertThat(port.labelCount("r_3", 2).get(10, SECONDS)).startsWith("started after waiting");
  }

  @Test
  void pastMaxWaitingPerKey_refused503NamingTheKeyAndTheBound() {
    RunDispatcher d = builder(BY_SERVICE.maxWaitingPerKey(1)).build();
    d.dispatch(on("r_1", "deploy", "checkout"));
    d.dispatch(on("r_2", "deploy", "checkout"));

    DispatchOutcome refused = d.dispatch(on("r_3", "deploy", "checkout"));
    DispatchOutcome otherKey = d.dispatch(on("r_4", "deploy", "payments"));

    assertThat(refused)
        .isEqualTo(
            DispatchOutcome.saturated(
                "1 runs already wait for concurrency key checkout of action deploy"
                    + " (maxWaitingPerKey=1): run r_3 was not started; run the action again once"
                    + " they ended, or raise maxWaitingPerKey"));
    assertThat(otherKey).isEqualTo(DispatchOutcome.accepted());
    manual.runAll();
    assertThat(d.dispatch(on("r_3", "deploy", "checkout"))).isEqualTo(DispatchOutcome.accepted());
  }

  @Test
  void waiterPastItsTimeout_endsFailureNamingTheRunItWaitedFor() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .maxQueued(100)
            .handle(
                "deploy",
                (run, ctx) -> {
                  if (run.runId().equals("r_1")) {
                    release.await();
                  }
                  events.add("ran " + run.runId());
                },
                BY_SERVICE)
            .handle(
                "quick",
                (run, ctx) -> events.add("ran " + run.runId()),
                BY_SERVICE.timeout(Duration.ofMillis(50)))
            .build();
    d.dispatch(on("r_1", "deploy", "checkout"));
    d.dispatch(on("r_2", "quick", "checkout")); // keys are shared by actions

    RunUpdate r2 = port.finalUpdate("r_2").get(10, SECONDS);

    assertThat(r2.status()).isEqualTo(FinalStatus.FAILURE);
    assertThat(r2.statusLabel()).isEqualTo("waited too long");
    assertThat(r2.summary())
        .startsWith(
            "run waited 50 ms for run r_1 (same concurrency key: checkout) and never started");
    release.countDown();
    assertThat(port.finalUpdate("r_1").get(10, SECONDS).status()).isEqualTo(FinalStatus.SUCCESS);
    assertThat(events).containsExactly("ran r_1");
    d.shutdown(Duration.ofSeconds(5));
  }

  @Test
  void nullKey_overlapsFreely_andAThrowingKeyEndsTheRunFailure() throws Exception {
    RunDispatcher d =
        builder(
                HandlerOptions.defaults()
                    .concurrencyKey(
                        run -> {
                          if (run.runId().equals("r_3")) {
                            throw new IllegalArgumentException("no service input");
                          }
                          return null;
                        }))
            .build();

    d.dispatch(invocation("r_1", "deploy"));
    d.dispatch(invocation("r_2", "deploy"));
    DispatchOutcome bad = d.dispatch(invocation("r_3", "deploy"));

    assertThat(d.inFlight()).isEqualTo(3);
    assertThat(bad).isEqualTo(DispatchOutcome.accepted());
    manual.runAll();
    RunUpdate r3 = port.finalUpdate("r_3").get(10, SECONDS);
    assertThat(r3.status()).isEqualTo(FinalStatus.FAILURE);
    assertThat(r3.summary())
        .startsWith(
            "the handler's concurrency key could not be computed from the run"
                + " (IllegalArgumentException: no service input)");
    assertThat(events).containsExactly("start r_1", "end r_1", "start r_2", "end r_2");
  }

  @Test
  void restart_keepsTheOrderOfTheRunsWaitingForAKey() throws Exception {
    RunDispatcher first = builder(BY_SERVICE).journal(RunJournal.open(dir)).build();
    first.dispatch(on("r_1", "deploy", "checkout"));
    first.dispatch(on("r_2", "deploy", "checkout"));
    first.dispatch(on("r_3", "deploy", "checkout"));
    first.shutdown(Duration.ZERO); // r_1 held the key: FAILURE shut down; the others wait on disk

    RunJournal journal = RunJournal.open(dir);
    assertThat(journal.unfinished())
        .extracting(JournalEntry::runId, JournalEntry::started)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r_2", false),
            org.assertj.core.groups.Tuple.tuple("r_3", false));
    ManualExecutor later = new ManualExecutor();
    RunDispatcher second = builder(BY_SERVICE).executor(later).journal(journal).build();

    assertThat(second.inFlight()).isEqualTo(1);
    assertThat(second.queued()).isEqualTo(1);
    later.runAll();
    assertThat(events).containsExactly("start r_2", "end r_2", "start r_3", "end r_3");
    second.shutdown(Duration.ZERO);
  }

  @Test
  void keyWithoutAnyQueue_buildFailsSayingWhatToSet() {
    assertThatThrownBy(
            () ->
                RunDispatcher.builder()
                    .contexts(port.contexts())
                    .handle("deploy", (run, ctx) -> {}, BY_SERVICE)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "action deploy declares a concurrency key, so its runs may wait, but this dispatcher"
                + " queues none (maxQueued=0, the default without a journal): call journal(...)"
                + " (up to 10,000 runs wait) or maxQueued(n)");
  }

  @Test
  void keyOnASynchronizedAction_isRefusedWithAReason() {
    assertThatThrownBy(() -> BY_SERVICE.synchronous(true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a synchronized action cannot have a concurrency key");
    assertThatThrownBy(() -> HandlerOptions.defaults().maxWaitingPerKey(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxWaitingPerKey must not be negative, got -1");
  }
}
