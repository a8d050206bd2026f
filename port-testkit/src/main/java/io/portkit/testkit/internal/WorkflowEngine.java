package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.workflow.LogLevel;
import io.portkit.client.workflow.NodeRunLog;
import io.portkit.testkit.EmulatedNodeRun;
import io.portkit.testkit.EmulatedWorkflowRun;
import io.portkit.testkit.WebhookDelivery;
import io.portkit.testkit.internal.WorkflowRecords.Node;
import io.portkit.testkit.internal.WorkflowRecords.Run;
import io.portkit.testkit.invoke.OutgoingWebhook;
import io.portkit.testkit.invoke.TemplateException;
import io.portkit.testkit.invoke.TriggerTemplate;
import io.portkit.testkit.invoke.WebhookAnswer;
import io.portkit.testkit.invoke.WebhookSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs workflows of webhook nodes like Port's workflow engine (beta, a subset: ADR 0214): the
 * trigger's inputs become {@code .outputs.trigger}; each WEBHOOK node, in the order the connections
 * give, is rendered against {@code .outputs}, signed like an action's webhook and called; a
 * synchronized node (the default) completes from the answer, output {@code {"response": {"status",
 * "data"}}}; an asynchronous one waits for {@code PATCH /v1/workflows/nodes/runs/{id}}. A node's
 * {@code variables}, if any, are evaluated against its output and stored as its {@code
 * .outputs.<node>}. A failed node fails the run; a cancelled run cancels its running node.
 * Thread-safe.
 */
public final class WorkflowEngine implements AutoCloseable {
  private final WorkflowStore store = new WorkflowStore();
  private final Ids ids;
  private final Clock clock;
  private final String secret;
  private final Map<String, String> secrets;
  private final WebhookSender sender;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "port-emulator-workflows");
            t.setDaemon(true);
            return t;
          });

  WorkflowEngine(Ids ids, Clock clock, EmulatorSettings settings) {
    this.ids = ids;
    this.clock = clock;
    this.secret = settings.clientSecret();
    this.secrets = Map.copyOf(settings.orgSecrets());
    this.sender = WebhookSender.builder().clock(clock).timeout(settings.webhookTimeout()).build();
  }

  WorkflowStore store() {
    return store;
  }

  /**
   * Stores a workflow definition (a new version replaces the old); see {@link WorkflowDefinitions}.
   */
  public ObjectNode define(JsonNode definition) {
    ObjectNode workflow = WorkflowDefinitions.validate(definition);
    return store.locked(
        () -> {
          store.workflows.put(workflow.path("identifier").asText(), workflow);
          return workflow.deepCopy();
        });
  }

  /** Starts a run of {@code workflow} with the trigger's {@code inputs}; returns it as started. */
  public EmulatedWorkflowRun start(String workflow, ObjectNode inputs) {
    Run run =
        store.locked(
            () -> {
              ObjectNode definition = store.workflows.get(workflow);
              if (definition == null) {
                throw ApiError.notFound("Workflow", workflow);
              }
              Run r =
                  new Run(
                      "wfr_" + ids.alphanumeric(16),
                      workflow,
                      WorkflowDefinitions.webhookNodesInOrder(definition),
                      clock.instant());
              r.outputs.set(WorkflowDefinitions.triggerOf(definition), inputs.deepCopy());
              store.runs.put(r.id, r);
              return r;
            });
    EmulatedWorkflowRun started = store.locked(run::snapshot);
    schedule(() -> next(run));
    return started;
  }

  /** Cancels run {@code id}: it and its running node complete CANCELLED. */
  public EmulatedWorkflowRun cancel(String id) {
    return store.locked(
        () -> {
          Run run = requireRun(id);
          if (!run.completed()) {
            Instant now = clock.instant();
            for (Node node : run.nodeRuns) {
              if (!node.completed()) {
                node.logs.add(NodeRunLog.of(LogLevel.WARN, "the workflow run was cancelled"));
                node.complete("CANCELLED", now);
              }
            }
            run.complete("CANCELLED", now);
          }
          return run.snapshot();
        });
  }

  /** Returns run {@code id}, or a 404. Call under the lock. */
  Run requireRun(String id) {
    Run run = store.runs.get(id);
    if (run == null) {
      throw ApiError.notFound("Workflow run", id);
    }
    return run;
  }

  /** Returns node run {@code id}, or a 404. Call under the lock. */
  Node requireNode(String id) {
    Node node = store.nodeRuns.get(id);
    if (node == null) {
      throw ApiError.notFound("Workflow node run", id);
    }
    return node;
  }

  /**
   * Applies a node-run PATCH: logs, external id, output, and a COMPLETED status with its result,
   * which moves the run on. Call under the lock.
   */
  void patch(Node node, NodeRunPatch patch) {
    if (node.completed()) {
      throw new ApiError(
          422,
          "node_run_completed",
          "Workflow node run \""
              + node.id
              + "\" has already completed with result "
              + node.result
              + " and can no longer be modified");
    }
    node.logs.addAll(patch.logs());
    if (patch.externalRunId() != null) {
      node.externalRunId = patch.externalRunId();
    }
    if (patch.output() != null) {
      node.output = patch.output().deepCopy();
    }
    if ("COMPLETED".equals(patch.status())) {
      completeNode(node, patch.result());
    }
  }

  /** Starts the next node of {@code run}, or completes the run when none is left. */
  private void next(Run run) {
    OutgoingWebhook webhook;
    Node node;
    try {
      Object[] prepared = store.locked(() -> prepareNext(run));
      if (prepared == null) {
        return;
      }
      node = (Node) prepared[0];
      webhook = (OutgoingWebhook) prepared[1];
    } catch (RenderFailure e) {
      return;
    }
    Instant at = clock.instant();
    CompletableFuture<WebhookAnswer> call;
    try {
      call = sender.sendAsync(webhook);
    } catch (IllegalArgumentException e) {
      // The JDK client refuses some rendered header names or values only when sending.
      store.locked(() -> answered(node, webhook, at, null, e));
      return;
    }
    call.whenComplete(
        (answer, failure) -> {
          Throwable cause =
              failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause()
                  : failure;
          store.locked(() -> answered(node, webhook, at, answer, cause));
        });
  }

  /** Returns {node, webhook} for the next node, or null when the run is over. Under the lock. */
  private Object[] prepareNext(Run run) {
    if (run.completed()) {
      return null;
    }
    int index = run.nodeRuns.size();
    if (index >= run.nodes.size()) {
      run.complete("SUCCESS", clock.instant());
      return null;
    }
    ObjectNode definition = run.nodes.get(index);
    JsonNode config = definition.path("config");
    boolean sync = !config.has("synchronized") || NodeRequests.isTrue(config.get("synchronized"));
    Node node = new Node("wfnr_" + ids.alphanumeric(16), definition, run, sync, clock.instant());
    run.nodeRuns.add(node);
    store.nodeRuns.put(node.id, node);
    try {
      return new Object[] {node, NodeRequests.render(node, config, secret, secrets)};
    } catch (TemplateException | IllegalArgumentException e) {
      node.logs.add(
          NodeRunLog.of(LogLevel.ERROR, "the node's config did not render: " + e.getMessage()));
      failNode(node);
      throw new RenderFailure();
    }
  }

  private Void answered(
      Node node, OutgoingWebhook webhook, Instant at, WebhookAnswer answer, Throwable failure) {
    long millis = answer != null ? answer.elapsed().toMillis() : clock.millis() - at.toEpochMilli();
    node.deliveries.add(
        new WebhookDelivery(
            webhook.url().toString(),
            webhook.method(),
            answer == null ? 0 : answer.status(),
            Math.max(0, millis),
            failure == null ? null : failure.getMessage(),
            at));
    if (node.completed()) {
      return null; // cancelled, or completed by a PATCH before the answer came
    }
    if (answer == null) {
      node.logs.add(
          NodeRunLog.of(LogLevel.ERROR, "Failed to invoke the webhook: " + failure.getMessage()));
      failNode(node);
    } else if (!answer.isSuccessful()) {
      node.logs.add(
          NodeRunLog.of(
              LogLevel.ERROR,
              "The webhook answered with status code "
                  + answer.status()
                  + ". Response: "
                  + NodeRequests.cut(answer.bodyText())));
      failNode(node);
    } else if (node.sync) {
      ObjectNode response = node.output.putObject("response");
      response.put("status", answer.status());
      response.set("data", NodeRequests.parse(answer.bodyText()));
      completeNode(node, "SUCCESS");
    } else {
      node.logs.add(
          NodeRunLog.of(
              LogLevel.INFO,
              "The webhook answered "
                  + answer.status()
                  + "; waiting for the node run to be completed through the API"));
    }
    return null;
  }

  private void completeNode(Node node, String result) {
    node.complete(result, clock.instant());
    Run run = node.run;
    JsonNode variables = node.definition.path("variables");
    JsonNode stored =
        variables.isObject() && !variables.isEmpty()
            ? renderVariables(node, variables)
            : node.output.deepCopy();
    run.outputs.set(node.identifier(), stored);
    if (result.equals("SUCCESS")) {
      schedule(() -> next(run));
    } else if (!run.completed()) {
      run.complete(result.equals("CANCELLED") ? "CANCELLED" : "FAILED", clock.instant());
    }
  }

  private JsonNode renderVariables(Node node, JsonNode variables) {
    try {
      return TriggerTemplate.render(variables, node.output);
    } catch (TemplateException e) {
      node.logs.add(
          NodeRunLog.of(LogLevel.WARN, "the node's variables did not render: " + e.getMessage()));
      return node.output.deepCopy();
    }
  }

  private void failNode(Node node) {
    completeNode(node, "FAILED");
  }

  private void schedule(Runnable task) {
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      // the emulator is closing
    }
  }

  /** Returns a snapshot of run {@code id}, if there is one. */
  public Optional<EmulatedWorkflowRun> snapshot(String id) {
    return store.locked(() -> Optional.ofNullable(store.runs.get(id)).map(Run::snapshot));
  }

  /** Waits until run {@code id} completes; throws an AssertionError naming its node runs. */
  public EmulatedWorkflowRun await(String id, Duration timeout) {
    EmulatedWorkflowRun done;
    try {
      done = store.await(id, EmulatedWorkflowRun::isCompleted, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for workflow run " + id, e);
    }
    if (done == null) {
      String where =
          snapshot(id)
              .map(
                  r ->
                      r.nodeRuns().stream()
                          .map(
                              n ->
                                  n.node()
                                      + " "
                                      + n.status()
                                      + (n.result() == null ? "" : " " + n.result()))
                          .toList()
                          .toString())
              .orElse("no such run");
      throw new AssertionError(
          "workflow run " + id + " did not complete within " + timeout + "; node runs: " + where);
    }
    return done;
  }

  /** Waits until node {@code node} of run {@code id} has a webhook delivery recorded. */
  public EmulatedNodeRun awaitDelivery(String id, String node, Duration timeout) {
    EmulatedWorkflowRun run;
    try {
      run =
          store.await(
              id, r -> r.nodeRun(node).map(n -> !n.deliveries().isEmpty()).orElse(false), timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for workflow run " + id, e);
    }
    if (run == null) {
      throw new AssertionError(
          "node " + node + " of workflow run " + id + " was not called within " + timeout);
    }
    return run.nodeRun(node).orElseThrow();
  }

  /** Forgets workflows and runs. */
  public void clear() {
    store.clear();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** A node whose config did not render: already failed. */
  private static final class RenderFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RenderFailure() {
      super(null, null, false, false);
    }
  }

  /**
   * A validated node-run PATCH.
   *
   * @param status IN_PROGRESS, COMPLETED or null
   * @param result the result with COMPLETED, else null
   * @param output the output, or null
   * @param logs the log lines
   * @param externalRunId the external id, or null
   */
  record NodeRunPatch(
      String status,
      String result,
      ObjectNode output,
      List<NodeRunLog> logs,
      String externalRunId) {}
}
