package io.portkit.backend.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.PortApiException;
import io.portkit.client.PortTransportException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** An in-memory stand-in for Port's run routes: records every write, can refuse them. */
final class FakePort implements RunsApi, EntitiesApi {
  final List<String> calls = new CopyOnWriteArrayList<>();
  private final Map<String, CompletableFuture<RunUpdate>> finals = new ConcurrentHashMap<>();
  private final Map<String, String> actions = new ConcurrentHashMap<>();
  volatile boolean down;
  volatile boolean unknownRuns; // GET of a run it was not told about answers 404
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();

  /** A slow Port: the final-status PATCH of one run waits until {@link #release} opens. */
  static final class Hold {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
  }

  /** Makes the final-status PATCH of {@code runId} wait until the returned hold is released. */
  Hold holdFinal(String runId) {
    return holds.computeIfAbsent(runId, id -> new Hold());
  }

  /** Returns the contexts the dispatcher should create, reporting here. */
  RunContextFactory contexts() {
    return (runId, mode) -> RunContext.of(runId, mode, this, this);
  }

  /** Makes {@code GET run} answer that {@code runId} belongs to {@code action}. */
  void runOf(String runId, String action) {
    actions.put(runId, action);
  }

  private final Map<String, List<String>> labels = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<String>> labelWaits = new ConcurrentHashMap<>();

  /** Completes with the {@code n}th status label (without a status) set on {@code runId}. */
  CompletableFuture<String> labelCount(String runId, int n) {
    return labelWaits.computeIfAbsent(runId + "#" + n, id -> new CompletableFuture<>());
  }

  /** Returns the status labels (without a status) set on {@code runId} so far, in order. */
  List<String> labels(String runId) {
    return List.copyOf(labels.getOrDefault(runId, List.of()));
  }

  /** Completes with the first update that carried a final status for {@code runId}. */
  CompletableFuture<RunUpdate> finalUpdate(String runId) {
    return finals.computeIfAbsent(runId, id -> new CompletableFuture<>());
  }

  List<String> callsFor(String runId) {
    List<String> out = new ArrayList<>();
    for (String c : calls) {
      if (c.contains(" " + runId + " ") || c.endsWith(" " + runId)) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public ActionRun get(String runId) {
    calls.add("GET " + runId);
    String action = actions.get(runId);
    if (action == null && unknownRuns && !down) {
      throw new PortApiException(
          404, "GET", "/v1/actions/runs/" + runId, "not_found", "run not found", null, null);
    }
    if (action == null || down) {
      throw new PortTransportException("Port unreachable in this test", true, null);
    }
    ObjectNode run = JsonNodeFactory.instance.objectNode();
    run.put("id", runId).put("status", "IN_PROGRESS").putObject("action").put("identifier", action);
    return ActionRun.fromJson(run);
  }

  @Override
  public ActionRun update(String runId, RunUpdate update) {
    calls.add("PATCH " + runId + " " + update);
    if (down) {
      throw new PortTransportException("Port unreachable in this test", true, null);
    }
    Hold hold = update.status() == null ? null : holds.get(runId);
    if (hold != null) {
      hold.entered.countDown();
      try {
        hold.release.await();
      } catch (InterruptedException e) {
        // As the real client: an interrupted call is a transport failure, flag kept.
        Thread.currentThread().interrupt();
        throw new PortTransportException("interrupted calling Port API PATCH", false, e);
      }
    }
    if (update.status() != null) {
      finalUpdate(runId).complete(update);
    } else if (update.statusLabel() != null) {
      labels.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>()).add(update.statusLabel());
      labelCount(runId, labels.get(runId).size()).complete(update.statusLabel());
    }
    ObjectNode run = JsonNodeFactory.instance.objectNode();
    String status = update.status() == null ? "IN_PROGRESS" : update.status().name();
    run.put("id", runId).put("status", status);
    return ActionRun.fromJson(run);
  }

  @Override
  public RunLogEntry addLog(String runId, RunLog log) {
    calls.add("LOG " + runId + " " + log.message());
    return new RunLogEntry("l1", runId, log.message(), "test", Instant.EPOCH);
  }

  @Override
  public List<RunLogEntry> logs(String runId, int limit, int offset) {
    throw new UnsupportedOperationException("not used by the dispatcher");
  }

  @Override
  public List<ActionRun> list(RunQuery query) {
    throw new UnsupportedOperationException("not used by the dispatcher");
  }

  @Override
  public ActionRun create(String actionIdentifier, Map<String, ?> properties, String entity) {
    throw new UnsupportedOperationException("not used by the dispatcher");
  }

  @Override
  public Entity upsert(String blueprint, Entity entity, EntityWriteOptions options) {
    calls.add("UPSERT " + blueprint + " " + entity.identifier());
    return entity;
  }

  @Override
  public Entity get(String blueprint, String identifier) {
    throw new UnsupportedOperationException("not used by the dispatcher");
  }

  @Override
  public void delete(String blueprint, String identifier, String runId, boolean deleteDependents) {
    calls.add("DELETE " + blueprint + " " + identifier + " " + runId);
  }

  static JsonNode json(String s) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
