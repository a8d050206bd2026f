package io.portkit.backend.threads;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.RunInvocationParser;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.entity.EntitiesApi;
import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityWriteOptions;
import io.portkit.client.run.ActionRun;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunLog;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunQuery;
import io.portkit.client.run.RunUpdate;
import io.portkit.client.run.RunsApi;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link OneCarrierTest} in a JVM whose virtual-thread scheduler has one carrier thread.
 * {@value #SLOW} handlers each block inside a slow Port call made under portkit's per-run lock
 * (half in {@code ctx.log}, half in {@code run.details()}), with a journal recording every run;
 * then one more run, whose handler makes no slow call, must still end. With a monitor around those
 * calls (Java 21 to 23 pin the carrier while a monitor is held), the first slow handler would hold
 * the only carrier and nothing else would run. Prints {@code RESULT entered=N fast=done|stalled}.
 */
public final class OneCarrierChild {
  static final int SLOW = 32;
  private static final Duration BOUND = Duration.ofSeconds(20);

  private OneCarrierChild() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(SLOW);
    SlowPort port = new SlowPort(release, entered);
    RunDispatcher dispatcher =
        RunDispatcher.builder()
            .contexts((id, mode) -> RunContext.of(id, mode, port, port))
            .detailsLoader(port::details)
            .journal(RunJournal.open(Files.createTempDirectory("one-carrier")))
            .maxInFlight(SLOW + 8)
            .handle("log", (run, ctx) -> ctx.log("waiting on a slow Port"))
            .handle("details", (run, ctx) -> run.details())
            .handle("fast", (run, ctx) -> {})
            .build();
    for (int i = 0; i < SLOW; i++) {
      accept(dispatcher, "r_slow_" + i, i % 2 == 0 ? "log" : "details");
    }
    boolean allEntered = entered.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    accept(dispatcher, "r_fast", "fast");
    boolean fast = port.ended("r_fast").await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    System.out.println(
        "RESULT entered="
            + (SLOW - entered.getCount())
            + " fast="
            + (fast ? "done" : "stalled")
            + " (Java "
            + Runtime.version().feature()
            + ", parallelism "
            + System.getProperty("jdk.virtualThreadScheduler.parallelism")
            + ")");
    release.countDown();
    boolean drained = dispatcher.awaitIdle(BOUND);
    dispatcher.close();
    System.exit(allEntered && fast && drained ? 0 : 1);
  }

  private static void accept(RunDispatcher dispatcher, String runId, String action) {
    byte[] body =
        ("{\"port_context\":{\"runId\":\"" + runId + "\",\"action\":\"" + action + "\"}}")
            .getBytes(UTF_8);
    RunInvocation run = new RunInvocationParser().parse(RequestHeaders.empty(), body);
    DispatchOutcome outcome = dispatcher.dispatch(run);
    if (outcome != DispatchOutcome.accepted()) {
      throw new IllegalStateException(runId + ": " + outcome);
    }
  }

  /** Port whose log POSTs and run GETs take until released; everything else answers at once. */
  private static final class SlowPort implements RunsApi, EntitiesApi {
    private final CountDownLatch release;
    private final CountDownLatch entered;
    private final Map<String, CountDownLatch> ended = new ConcurrentHashMap<>();

    SlowPort(CountDownLatch release, CountDownLatch entered) {
      this.release = release;
      this.entered = entered;
    }

    CountDownLatch ended(String runId) {
      return ended.computeIfAbsent(runId, id -> new CountDownLatch(1));
    }

    private void slowCall() {
      entered.countDown();
      try {
        release.await(); // a slow Port call: the virtual thread parks here
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    JsonNode details(String runId) {
      slowCall();
      return JsonNodeFactory.instance.objectNode().put("id", runId);
    }

    @Override
    public RunLogEntry addLog(String runId, RunLog log) {
      slowCall();
      return new RunLogEntry("l", runId, log.message(), "test", Instant.EPOCH);
    }

    @Override
    public ActionRun update(String runId, RunUpdate update) {
      if (update.status() != null) {
        ended(runId).countDown();
      }
      return ActionRun.fromJson(JsonNodeFactory.instance.objectNode().put("id", runId));
    }

    @Override
    public ActionRun get(String runId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<RunLogEntry> logs(String runId, int limit, int offset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ActionRun> list(RunQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ActionRun create(String action, Map<String, ?> properties, String entity) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Entity upsert(String blueprint, Entity entity, EntityWriteOptions options) {
      return entity;
    }

    @Override
    public Entity get(String blueprint, String identifier) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String blueprint, String identifier, String runId, boolean dependents) {}
  }
}
