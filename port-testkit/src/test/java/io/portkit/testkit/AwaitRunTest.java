package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwaitRunTest {
  /** A timeout no passing test waits out: a wait that takes anywhere near it is a failure. */
  private static final Duration GENEROUS = Duration.ofSeconds(60);

  /** Well under {@link #GENEROUS}: what "at once" must beat even on a loaded build machine. */
  private static final Duration PROMPT = Duration.ofSeconds(15);

  private final PortEmulator port = PortEmulator.start();
  private final Http http = new Http(port);
  private String runId;

  @BeforeEach
  void run() {
    Http.catalog(port);
    runId = port.createRun("deploy", Http.MAPPER.createObjectNode()).id();
  }

  @AfterEach
  void close() {
    port.close();
  }

  private void log(String message) {
    http.call("POST", "/v1/actions/runs/" + runId + "/logs", "{\"message\":\"" + message + "\"}");
  }

  private void end(String status, String summary, String label) {
    http.call(
        "PATCH",
        "/v1/actions/runs/" + runId,
        "{\"status\":\""
            + status
            + "\",\"summary\":\""
            + summary
            + "\",\"statusLabel\":\""
            + label
            + "\"}");
  }

  @Test
  void awaitRun_reachesExpected_returnsTheRun() throws Exception {
    CompletableFuture<EmulatedRun> awaited =
        CompletableFuture.supplyAsync(() -> port.awaitRun(runId, RunStatus.SUCCESS, GENEROUS));
    end("SUCCESS", "deployed", "Done");

    EmulatedRun run = awaited.get(PROMPT.toSeconds(), TimeUnit.SECONDS);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.summary()).isEqualTo("deployed");
    assertThat(run.endedAt()).isNotNull();
  }

  @Test
  void awaitRun_alreadyEndedOtherwise_failsAtOnceWithShortMultiLineMessage() {
    for (int i = 1; i <= 7; i++) {
      log("step " + i);
    }
    end("FAILURE", "Access not granted: 999 is above 255", "Validating");

    long start = System.nanoTime();
    RunAssertionError e =
        catchThrowableOfType(
            RunAssertionError.class, () -> port.awaitRun(runId, RunStatus.SUCCESS, GENEROUS));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(PROMPT);
    assertThat(e.getMessage())
        .isEqualTo(
            "run "
                + runId
                + " (action deploy) ended FAILURE, expected SUCCESS\n"
                + "  summary: Access not granted: 999 is above 255\n"
                + "  status label: Validating\n"
                + "  last 5 of 7 log lines:\n"
                + "    step 3\n"
                + "    step 4\n"
                + "    step 5\n"
                + "    step 6\n"
                + "    step 7");
    assertThat(e).isInstanceOf(AssertionError.class);
    assertThat(e.timedOut()).isFalse();
    assertThat(e.runId()).isEqualTo(runId);
    assertThat(e.run()).get().extracting(EmulatedRun::status).isEqualTo(RunStatus.FAILURE);
  }

  @Test
  void awaitRun_endsOtherwiseWhileWaiting_failsAtOnceNotAfterTheTimeout() throws Exception {
    AtomicReference<Thread> waiter = new AtomicReference<>();
    long start = System.nanoTime();
    CompletableFuture<EmulatedRun> awaited =
        CompletableFuture.supplyAsync(
            () -> {
              waiter.set(Thread.currentThread());
              return port.awaitRun(runId, RunStatus.SUCCESS, GENEROUS);
            });
    awaitParked(waiter);

    end("FAILURE", "boom", "Deploying");

    ExecutionException failure =
        catchThrowableOfType(
            ExecutionException.class, () -> awaited.get(PROMPT.toSeconds(), TimeUnit.SECONDS));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    assertThat(failure.getCause())
        .isInstanceOf(RunAssertionError.class)
        .hasMessageStartingWith(
            "run " + runId + " (action deploy) ended FAILURE, expected SUCCESS\n")
        .hasMessageContaining("\n  summary: boom\n");
  }

  @Test
  void awaitRun_inProgressExpectedButRunEnded_failsAtOnce() {
    end("SUCCESS", "done", "Done");

    assertThatThrownBy(() -> port.awaitRun(runId, RunStatus.IN_PROGRESS, GENEROUS))
        .isInstanceOf(RunAssertionError.class)
        .hasMessageStartingWith(
            "run " + runId + " (action deploy) ended SUCCESS, expected IN_PROGRESS\n");
    assertThat(port.awaitRun(runId, RunStatus.SUCCESS, Duration.ZERO).summary()).isEqualTo("done");
  }

  @Test
  void awaitRun_timeout_saysSoWithTheSameDetails() {
    log("waiting for capacity");

    RunAssertionError e =
        catchThrowableOfType(
            RunAssertionError.class,
            () -> port.awaitRun(runId, RunStatus.SUCCESS, Duration.ofMillis(50)));

    assertThat(e.getMessage())
        .isEqualTo(
            "run "
                + runId
                + " (action deploy) is IN_PROGRESS after PT0.05S, expected SUCCESS\n"
                + "  summary: (none)\n"
                + "  status label: (none)\n"
                + "  last 1 of 1 log line:\n"
                + "    waiting for capacity");
    assertThat(e.timedOut()).isTrue();
    assertThat(e.run()).get().extracting(EmulatedRun::status).isEqualTo(RunStatus.IN_PROGRESS);
  }

  @Test
  void awaitRun_noSuchRun_timesOutSayingSo() {
    RunAssertionError e =
        catchThrowableOfType(
            RunAssertionError.class,
            () -> port.awaitRun("r_none", RunStatus.SUCCESS, Duration.ofMillis(10)));

    assertThat(e.getMessage())
        .isEqualTo("run r_none does not exist after PT0.01S, expected SUCCESS");
    assertThat(e.run()).isEmpty();
    assertThat(e.timedOut()).isTrue();
  }

  @Test
  void awaitFinalStatus_timeout_namesWhatItWaitedFor() {
    assertThatThrownBy(() -> port.awaitFinalStatus(runId, Duration.ofMillis(10)))
        .isInstanceOf(RunAssertionError.class)
        .hasMessageStartingWith(
            "run "
                + runId
                + " (action deploy) is IN_PROGRESS after PT0.01S, expected a final status\n")
        .hasMessageEndingWith("\n  log lines: none");
  }

  @Test
  void awaitRun_longAndMultiLineTexts_oneShortLineEach() {
    String longLine = "x".repeat(500);
    log(longLine);
    end("FAILURE", "first\\nsecond", "Validating");

    RunAssertionError e =
        catchThrowableOfType(
            RunAssertionError.class, () -> port.awaitRun(runId, RunStatus.SUCCESS, GENEROUS));

    assertThat(e.getMessage()).contains("\n  summary: first \\n second\n");
    assertThat(e.getMessage()).contains("\n    " + "x".repeat(197) + "...");
    assertThat(e.getMessage()).doesNotContain("x".repeat(198));
    assertThat(e.getMessage().lines()).hasSize(5);
  }

  @Test
  void awaitRun_webhookNobodyListensOn_failsAtOnceNamingTheDelivery() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    port.defineAction(
        Action.builder("hello")
            .invocationMethod(
                InvocationMethod.webhook(URI.create("http://127.0.0.1:" + closed + "/hook")))
            .build());
    String id = port.trigger("hello", Http.MAPPER.createObjectNode()).id();

    long start = System.nanoTime();
    RunAssertionError e =
        catchThrowableOfType(
            RunAssertionError.class, () -> port.awaitRun(id, RunStatus.SUCCESS, GENEROUS));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    assertThat(e.getMessage())
        .startsWith("run " + id + " (action hello) ended FAILURE, expected SUCCESS\n")
        .contains(
            "\n  webhook: 1 call, failed: webhook POST http://127.0.0.1:"
                + closed
                + "/hook got no answer: connection refused or unreachable (is the receiver"
                + " listening on 127.0.0.1:"
                + closed
                + "?)\n");
  }

  /** Waits, without sleeping, until {@code waiter} is parked in the emulator's condition. */
  private static void awaitParked(AtomicReference<Thread> waiter) {
    long deadline = System.nanoTime() + PROMPT.toNanos();
    while (waiter.get() == null || waiter.get().getState() != Thread.State.TIMED_WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the waiting thread never parked: " + waiter.get());
      }
      Thread.onSpinWait();
    }
  }
}
