package io.portkit.backend.dispatch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.RunInvocationParser;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunUpdate;
import io.portkit.testsupport.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunDispatcherTest {
  private final FakePort port = new FakePort();
  private final ManualExecutor manual = new ManualExecutor();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  static RunInvocation invocation(String runId, String action) {
    String ctx =
        action == null
            ? "{\"runId\":\"" + runId + "\"}"
            : "{\"runId\":\"" + runId + "\",\"action\":\"" + action + "\"}";
    String body = "{\"port_context\":" + ctx + ",\"inputs\":{\"n\":1}}";
    return new RunInvocationParser().parse(RequestHeaders.empty(), body.getBytes(UTF_8));
  }

  private RunDispatcher.Builder builder() {
    return RunDispatcher.builder().contexts(port.contexts()).executor(manual);
  }

  @Test
  void dispatch_asyncHandlerReturns_acceptsThenReportsSuccess() {
    AtomicInteger ran = new AtomicInteger();
    RunDispatcher d =
        builder().handle("deploy", (run, ctx) -> ctx.log("n=" + run.inputs().get("n"))).build();

    DispatchOutcome outcome = d.dispatch(invocation("r_1", "deploy"));
    ran.set(manual.runAll());

    assertThat(outcome).isEqualTo(DispatchOutcome.accepted());
    assertThat(ran.get()).isEqualTo(1);
    assertThat(port.calls)
        .containsExactly(
            "LOG r_1 n=1",
            "PATCH r_1 RunUpdate[status=SUCCESS, statusLabel=null, links=null, summary=null,"
                + " externalRunId=null]");
    assertThat(d.inFlight()).isZero();
  }

  @Test
  void dispatch_handlerThrows_reportsFailureWithExceptionAsSummary() {
    RunDispatcher d =
        builder()
            .handle(
                "deploy",
                (run, ctx) -> {
                  throw new IllegalStateException("cluster unreachable");
                })
            .build();

    d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    assertThat(port.calls)
        .containsExactly(
            "PATCH r_1 RunUpdate[status=FAILURE, statusLabel=handler failed, links=null,"
                + " summary=handler failed: IllegalStateException: cluster unreachable,"
                + " externalRunId=null]");
  }

  @Test
  void dispatch_handlerEndsRunItself_reportsNothingMore() {
    RunDispatcher d = builder().handle("deploy", (run, ctx) -> ctx.fail("bad input")).build();

    d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    assertThat(port.calls)
        .containsExactly(
            "PATCH r_1 RunUpdate[status=FAILURE, statusLabel=null, links=null, summary=bad input,"
                + " externalRunId=null]");
  }

  @Test
  void dispatch_actionWithoutHandler_answers404AndReportsFailure() {
    RunDispatcher d =
        builder().handle("deploy", (run, ctx) -> {}).handle("a", (r, c) -> {}).build();

    DispatchOutcome outcome = d.dispatch(invocation("r_1", "destroy"));
    manual.runAll();

    String message =
        "no handler for action destroy: register one with handle(\"destroy\", ...) or set a"
            + " defaultHandler; registered: [a, deploy]";
    assertThat(outcome)
        .isEqualTo(DispatchOutcome.rejected(DispatchOutcome.Reason.NO_HANDLER, message));
    assertThat(port.calls)
        .containsExactly(
            "PATCH r_1 RunUpdate[status=FAILURE, statusLabel=no handler, links=null, summary="
                + message
                + ", externalRunId=null]");
  }

  @Test
  void dispatch_unregisteredActionWithDefault_runsDefaultHandler() {
    RunDispatcher d =
        builder()
            .handle("deploy", (run, ctx) -> ctx.succeed("deploy"))
            .defaultHandler((run, ctx) -> ctx.succeed("default"))
            .build();

    assertThat(d.dispatch(invocation("r_1", "other"))).isEqualTo(DispatchOutcome.accepted());
    manual.runAll();

    assertThat(port.calls.get(0)).contains("summary=default");
  }

  @Test
  void dispatch_minimalBody_routesByActionFromPortAndLoadsDetailsOnce() {
    port.runOf("r_1", "deploy");
    CompletableFuture<String> seen = new CompletableFuture<>();
    RunDispatcher d =
        builder()
            .detailsLoader(
                id ->
                    FakePort.json(
                        "{\"id\":\""
                            + id
                            + "\",\"status\":\"IN_PROGRESS\","
                            + "\"action\":{\"identifier\":\""
                            + port.get(id).actionIdentifier().orElseThrow()
                            + "\"}}"))
            .handle(
                "deploy",
                (run, ctx) ->
                    seen.complete(run.details().path("action").path("identifier").asText()))
            .handle("other", (run, ctx) -> seen.complete("other"))
            .build();

    d.dispatch(invocation("r_1", null));
    manual.runAll();

    assertThat(seen).isCompletedWithValue("deploy");
    assertThat(port.calls).filteredOn(c -> c.startsWith("GET")).containsExactly("GET r_1");
  }

  @Test
  void dispatch_minimalBodyAndPortDown_answers503AndForgetsRun() {
    port.down = true;
    port.runOf("r_1", "deploy");
    RunDispatcher d =
        builder()
            .detailsLoader(id -> port.get(id).raw())
            .handle("deploy", (run, ctx) -> {})
            .build();

    DispatchOutcome first = d.dispatch(invocation("r_1", null));
    port.down = false;
    DispatchOutcome second = d.dispatch(invocation("r_1", null));

    assertThat(first)
        .isEqualTo(
            DispatchOutcome.rejected(
                DispatchOutcome.Reason.ROUTING_FAILED,
                "cannot route run r_1: the body names no action and looking the run up in Port"
                    + " failed (Port unreachable in this test); add \"action\":"
                    + " \"{{ .action.identifier }}\" to port_context in the action's body"
                    + " template, or check the Port credentials"));
    assertThat(second).isEqualTo(DispatchOutcome.accepted());
  }

  @Test
  void dispatch_minimalBodyForRunPortDoesNotKnow_refusedAsNotRetryable() {
    port.unknownRuns = true;
    AtomicInteger runs = new AtomicInteger();
    RunDispatcher d =
        builder()
            .detailsLoader(id -> port.get(id).raw())
            .handle("deploy", (run, ctx) -> runs.incrementAndGet())
            .build();

    DispatchOutcome outcome = d.dispatch(invocation("r_ghost", null));
    manual.runAll();

    assertThat(outcome).isInstanceOf(DispatchOutcome.Rejected.class);
    DispatchOutcome.Rejected rejected = (DispatchOutcome.Rejected) outcome;
    assertThat(rejected.reason()).isEqualTo(DispatchOutcome.Reason.UNKNOWN_RUN);
    assertThat(rejected.reason().isRetryable()).isFalse();
    assertThat(rejected.message())
        .startsWith(
            "run r_ghost is not known to Port (GET /v1/actions/runs/r_ghost found nothing)");
    assertThat(runs).hasValue(0);
    assertThat(port.calls).filteredOn(c -> c.startsWith("PATCH")).isEmpty();
  }

  @Test
  void dispatch_sameRunTwice_secondIsDuplicateAndNotExecuted() {
    AtomicInteger runs = new AtomicInteger();
    RunDispatcher d = builder().handle("deploy", (run, ctx) -> runs.incrementAndGet()).build();

    DispatchOutcome first = d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();
    DispatchOutcome second = d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    assertThat(first).isEqualTo(DispatchOutcome.accepted());
    assertThat(second).isEqualTo(DispatchOutcome.duplicate());
    assertThat(runs).hasValue(1);
  }

  @Test
  void dispatch_runRedeliveredAfterMemoryExpires_runsAgain() {
    MutableClock clock = MutableClock.standard();
    AtomicInteger runs = new AtomicInteger();
    RunDispatcher d =
        builder()
            .clock(clock)
            .rememberRuns(100, Duration.ofMinutes(10))
            .handle("deploy", (run, ctx) -> runs.incrementAndGet())
            .build();

    d.dispatch(invocation("r_1", "deploy"));
    clock.advance(Duration.ofMinutes(10));
    DispatchOutcome again = d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    assertThat(again).isEqualTo(DispatchOutcome.accepted());
    assertThat(runs).hasValue(2);
  }

  @Test
  void dispatch_maxInFlightReached_answers503AndStartsNothing() {
    RunDispatcher d = builder().maxInFlight(1).handle("deploy", (run, ctx) -> {}).build();

    d.dispatch(invocation("r_1", "deploy"));
    DispatchOutcome full = d.dispatch(invocation("r_2", "deploy"));
    manual.runAll();
    DispatchOutcome afterward = d.dispatch(invocation("r_2", "deploy"));

    assertThat(full)
        .isEqualTo(
            DispatchOutcome.saturated(
                "1 runs are in flight (maxInFlight=1) and none may wait (maxQueued=0): run r_2"
                    + " was not started; run the action again later, or raise maxInFlight or"
                    + " maxQueued (with a journal, up to 10,000 runs wait by default)"));
    assertThat(afterward).isEqualTo(DispatchOutcome.accepted());
  }

  @Test
  void dispatch_syncHandlerSucceeds_answers200AndNeverPatchesStatus() {
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .sync("validate", (run, ctx) -> ctx.succeed("valid"))
            .build();

    DispatchOutcome outcome = d.dispatch(invocation("r_1", "validate"));

    assertThat(syncJson(outcome))
        .isEqualTo(
            FakePort.json(
                "{\"ok\":true,\"runId\":\"r_1\",\"status\":\"SUCCESS\",\"summary\":\"valid\"}"));
    assertThat(port.calls).noneMatch(c -> c.contains("status=SUCCESS"));
  }

  @Test
  void dispatch_syncHandlerFails_answers422WithSummary() {
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .sync("validate", (run, ctx) -> ctx.fail("name taken"))
            .build();

    DispatchOutcome outcome = d.dispatch(invocation("r_1", "validate"));

    assertThat(syncJson(outcome))
        .isEqualTo(
            FakePort.json(
                "{\"ok\":false,\"runId\":\"r_1\",\"status\":\"FAILURE\",\"error\":\"run_failed\","
                    + "\"message\":\"name taken\"}"));
    assertThat(port.calls).noneMatch(c -> c.contains("status=FAILURE"));
  }

  @Test
  void dispatch_syncHandlerThrows_answers500() {
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .sync(
                "validate",
                (run, ctx) -> {
                  throw new IllegalArgumentException("bad");
                })
            .build();

    DispatchOutcome outcome = d.dispatch(invocation("r_1", "validate"));

    assertThat(syncJson(outcome))
        .isEqualTo(
            FakePort.json(
                "{\"ok\":false,\"runId\":\"r_1\",\"status\":\"FAILURE\",\"error\":\"handler_error\","
                    + "\"message\":\"handler failed: IllegalArgumentException: bad\","
                    + "\"statusLabel\":\"handler failed\"}"));
    assertThat(port.calls).isEmpty();
  }

  @Test
  void dispatch_asyncRunPastTimeout_interruptsHandlerAndReportsFailure() throws Exception {
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .runTimeout(Duration.ofMillis(50))
            .handle("deploy", (run, ctx) -> blockUntilInterrupted(interrupted))
            .build();

    d.dispatch(invocation("r_1", "deploy"));
    RunUpdate update = port.finalUpdate("r_1").get(5, SECONDS);

    assertThat(update.statusLabel()).isEqualTo("timed out");
    assertThat(update.summary())
        .isEqualTo(
            "run timed out after 50 ms and its handler was interrupted: make the work shorter or"
                + " raise the dispatcher's timeout");
    assertThat(interrupted.get(5, SECONDS)).isTrue();
  }

  @Test
  void dispatch_syncRunPastTimeout_answers504() {
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .syncTimeout(Duration.ofMillis(50))
            .sync("validate", (run, ctx) -> blockUntilInterrupted(new CompletableFuture<>()))
            .build();

    DispatchOutcome outcome = d.dispatch(invocation("r_1", "validate"));

    assertThat(((DispatchOutcome.Completed) outcome).result().cause())
        .isEqualTo(DispatchOutcome.SyncResult.Cause.TIMEOUT);
    assertThat(syncJson(outcome).path("error").asText()).isEqualTo("run_timeout");
    assertThat(port.calls).isEmpty();
  }

  @Test
  void close_runStillInFlight_interruptsAndReportsShutdownFailure() throws Exception {
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    CountDownLatch started = new CountDownLatch(1);
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .shutdownGrace(Duration.ZERO)
            .handle(
                "deploy",
                (run, ctx) -> {
                  started.countDown();
                  blockUntilInterrupted(interrupted);
                })
            .build();
    d.dispatch(invocation("r_1", "deploy"));
    assertThat(started.await(5, SECONDS)).isTrue();

    boolean clean = d.shutdown(Duration.ZERO);

    assertThat(clean).isFalse();
    RunUpdate update = port.finalUpdate("r_1").getNow(null);
    assertThat(update.status().name()).isEqualTo("FAILURE");
    assertThat(update.statusLabel()).isEqualTo("backend shut down");
    assertThat(update.summary())
        .isEqualTo("the backend shut down before the run finished: run the action again");
    assertThat(interrupted.get(5, SECONDS)).isTrue();
    assertThat(d.inFlight()).isZero();
  }

  @Test
  void close_runNotYetStarted_failsItAndNeverRunsHandler() {
    AtomicInteger runs = new AtomicInteger();
    RunDispatcher d = builder().handle("deploy", (run, ctx) -> runs.incrementAndGet()).build();
    d.dispatch(invocation("r_1", "deploy"));

    d.shutdown(Duration.ZERO);
    manual.runAll();

    assertThat(runs).hasValue(0);
    assertThat(port.calls).singleElement().asString().contains("statusLabel=backend shut down");
  }

  @Test
  void close_runsFinishWithinGrace_returnsCleanAndRefusesNewRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .handle("deploy", (run, ctx) -> release.await())
            .build();
    d.dispatch(invocation("r_1", "deploy"));

    release.countDown();
    boolean clean = d.shutdown(Duration.ofSeconds(5));

    assertThat(clean).isTrue();
    assertThat(port.finalUpdate("r_1").get(5, SECONDS).status().name()).isEqualTo("SUCCESS");
    assertThat(d.dispatch(invocation("r_2", "deploy")))
        .isEqualTo(
            DispatchOutcome.rejected(
                DispatchOutcome.Reason.SHUTTING_DOWN,
                "the backend is shutting down: run r_2 was not started; run the action again"));
  }

  @Test
  void dispatch_reportingFailsBecausePortIsDown_doesNotThrowAndFreesTheSlot() {
    RunDispatcher d = builder().maxInFlight(1).handle("deploy", (run, ctx) -> {}).build();
    port.down = true;

    d.dispatch(invocation("r_1", "deploy"));
    manual.runAll();

    assertThat(port.calls).singleElement().asString().startsWith("PATCH r_1");
    assertThat(d.inFlight()).isZero();
  }

  @Test
  void awaitIdle_runFinishesOnAnotherThread_returnsTrueOnceReported() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .handle("deploy", (run, ctx) -> release.await())
            .build();
    d.dispatch(invocation("r_1", "deploy"));

    boolean busy = d.awaitIdle(Duration.ZERO);
    release.countDown();
    boolean idle = d.awaitIdle(Duration.ofSeconds(5));

    assertThat(busy).isFalse();
    assertThat(idle).isTrue();
    assertThat(port.finalUpdate("r_1")).isDone();
  }

  @Test
  void installShutdownHook_calledTwice_registersOneHookRemovedByClose() {
    RunDispatcher d = builder().handle("deploy", (run, ctx) -> {}).build();

    Thread hook = d.installShutdownHook();
    assertThat(d.installShutdownHook()).isSameAs(hook);
    d.close();

    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
  }

  @Test
  void contexts_syncRoute_getsSynchronizedMode() {
    CompletableFuture<RunContext.Mode> mode = new CompletableFuture<>();
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .sync("v", (run, ctx) -> mode.complete(ctx.mode()))
            .handle("a", (run, ctx) -> {})
            .build();

    d.dispatch(invocation("r_1", "v"));

    assertThat(mode).isCompletedWithValue(RunContext.Mode.SYNCHRONIZED);
  }

  private static void blockUntilInterrupted(CompletableFuture<Boolean> interrupted)
      throws InterruptedException {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      interrupted.complete(true);
      throw e;
    }
  }

  record Inputs(int n, String name) {}

  @Test
  void dispatch_typedHandler_receivesBoundInputs() throws Exception {
    java.util.List<Inputs> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .handle("deploy", Inputs.class, (inputs, run, ctx) -> seen.add(inputs))
            .build();

    d.dispatch(
        new RunInvocationParser()
            .parse(
                RequestHeaders.empty(),
                "{\"port_context\":{\"runId\":\"r_1\",\"action\":\"deploy\"},\"inputs\":{\"n\":2,\"name\":\"x\"}}"
                    .getBytes(UTF_8)));

    assertThat(port.finalUpdate("r_1").get(5, SECONDS).status().name()).isEqualTo("SUCCESS");
    assertThat(seen).containsExactly(new Inputs(2, "x"));
  }

  @Test
  void dispatch_typedHandlerBadInput_endsFailureNamingTheInput_handlerNotCalled() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean called =
        new java.util.concurrent.atomic.AtomicBoolean();
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .handle("deploy", Inputs.class, (inputs, run, ctx) -> called.set(true))
            .build();

    d.dispatch(
        new RunInvocationParser()
            .parse(
                RequestHeaders.empty(),
                "{\"port_context\":{\"runId\":\"r_1\",\"action\":\"deploy\"},\"inputs\":{\"n\":\"abc\"}}"
                    .getBytes(UTF_8)));

    io.portkit.client.run.RunUpdate update = port.finalUpdate("r_1").get(5, SECONDS);
    assertThat(update.status().name()).isEqualTo("FAILURE");
    assertThat(update.summary()).isEqualTo("input 'n': expected a whole number, got \"abc\"");
    assertThat(update.statusLabel()).isEqualTo("invalid inputs");
    assertThat(called).isFalse();
  }

  @Test
  void dispatch_typedSyncHandlerBadInput_answersInvalidInputs() {
    RunDispatcher d =
        RunDispatcher.builder()
            .contexts(port.contexts())
            .executor(threads)
            .handle(
                "validate", Inputs.class, (inputs, run, ctx) -> {}, HandlerOptions.synchronous())
            .build();

    DispatchOutcome outcome =
        d.dispatch(
            new RunInvocationParser()
                .parse(
                    RequestHeaders.empty(),
                    "{\"port_context\":{\"runId\":\"r_1\",\"action\":\"validate\"},\"inputs\":{\"n\":true}}"
                        .getBytes(UTF_8)));

    assertThat(((DispatchOutcome.Completed) outcome).result().cause())
        .isEqualTo(DispatchOutcome.SyncResult.Cause.INVALID_INPUTS);
    assertThat(syncJson(outcome).path("message").asText())
        .isEqualTo("input 'n': expected a whole number, got true");
  }

  private static com.fasterxml.jackson.databind.JsonNode syncJson(DispatchOutcome outcome) {
    assertThat(outcome).isInstanceOf(DispatchOutcome.Completed.class);
    return ((DispatchOutcome.Completed) outcome).result().toJson("r_1");
  }
}
