package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portkit.testkit.WebhookDelivery;
import io.portkit.testkit.invoke.OutgoingWebhook;
import io.portkit.testkit.invoke.TemplateException;
import io.portkit.testkit.invoke.TriggerTemplate;
import io.portkit.testkit.invoke.WebhookAnswer;
import io.portkit.testkit.invoke.WebhookDeliveryException;
import io.portkit.testkit.invoke.WebhookSender;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Invokes a run's WEBHOOK action like Port: renders the invocation, signs it with the client
 * secret, sends it off the request thread on a bounded pool, and applies the answer to the run
 * (docs/decisions/0111-webhook-answer-to-run-status.md). Thread-safe.
 */
public final class ActionInvoker implements AutoCloseable {
  private static final int THREADS = 4;
  private static final int QUEUE = 10_000;
  private static final int SUMMARY_BODY_CHARS = 1000;
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private final EmulatorState state;
  private final String secret;
  private final Map<String, String> secrets;
  private final WebhookSender sender;
  private final ThreadPoolExecutor pool;

  ActionInvoker(EmulatorState state, EmulatorSettings settings) {
    this.state = state;
    this.secret = settings.clientSecret();
    this.secrets = Map.copyOf(settings.orgSecrets());
    this.pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            task -> {
              Thread thread =
                  new Thread(task, "port-emulator-invoker-" + THREAD_IDS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    this.sender =
        WebhookSender.builder().clock(state.clock()).timeout(settings.webhookTimeout()).build();
  }

  /**
   * Schedules the invocation of run {@code runId}; returns at once. Actions that are not direct
   * WEBHOOK calls (another type, or {@code agent: true}) are left alone, as Port hands them to
   * another component.
   */
  public void invoke(String runId, String origin) {
    try {
      pool.execute(() -> deliver(runId, origin));
    } catch (RejectedExecutionException e) {
      fail(
          runId,
          "Failed to invoke the webhook: the emulator's delivery queue (" + QUEUE + ") is full");
    }
  }

  private void deliver(String runId, String origin) {
    OutgoingWebhook webhook;
    try {
      webhook = state.locked(() -> prepare(runId, origin));
    } catch (TemplateException | IllegalArgumentException e) {
      fail(runId, "Failed to render the webhook invocation: " + e.getMessage());
      return;
    }
    if (webhook == null) {
      return;
    }
    Instant at = state.clock().instant();
    java.util.concurrent.CompletableFuture<WebhookAnswer> call;
    try {
      call = sender.sendAsync(webhook);
    } catch (IllegalArgumentException e) {
      // The JDK client refuses some rendered header names or values only when building the request.
      fail(runId, "Failed to invoke the webhook: " + e.getMessage());
      return;
    }
    call.whenComplete(
        (answer, failure) -> {
          if (failure != null) {
            Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            String reason =
                cause instanceof WebhookDeliveryException ? cause.getMessage() : cause.toString();
            record(runId, webhook, at, null, reason);
          } else {
            record(runId, webhook, at, answer, null);
          }
        });
  }

  private OutgoingWebhook prepare(String runId, String origin) {
    RunRecord run = state.runs.get(runId);
    JsonNode method = run == null ? null : run.action.path("invocationMethod");
    if (run == null
        || run.finished()
        || !method.path("type").asText().equals("WEBHOOK")
        || isTrue(method.path("agent"))) {
      return null;
    }
    ObjectNode data = TriggerData.of(state, run, origin, secrets);
    String url = TriggerTemplate.renderText(method.path("url").asText(""), data);
    String verb = method.path("method").asText("POST");
    OutgoingWebhook.Builder webhook =
        OutgoingWebhook.to(URI.create(url == null ? "" : url)).method(verb).secret(secret);
    ObjectNode headers = Json.object();
    for (Map.Entry<String, JsonNode> header : method.path("headers").properties()) {
      String name = TriggerTemplate.renderText(header.getKey(), data);
      String value =
          TriggerTemplate.renderText(
              header.getValue().isTextual()
                  ? header.getValue().textValue()
                  : header.getValue().toString(),
              data);
      if (name != null && value != null) {
        webhook.header(name, value);
        headers.put(name, value);
      }
    }
    JsonNode body =
        method.has("body")
            ? TriggerTemplate.render(method.get("body"), data)
            : TriggerData.legacyEnvelope(state, run, origin);
    webhook.body(body);
    ObjectNode payload =
        Json.object()
            .put("type", "WEBHOOK")
            .put("url", url)
            .put("agent", false)
            .put("synchronized", run.synchronizedRun())
            .put("method", verb.toUpperCase(java.util.Locale.ROOT));
    payload.set("headers", headers);
    payload.set("body", body);
    run.payload = payload;
    return webhook.build();
  }

  private void record(
      String runId, OutgoingWebhook webhook, Instant at, WebhookAnswer answer, String error) {
    state.locked(
        () -> {
          RunRecord run = state.runs.get(runId);
          if (run == null) {
            return null; // reset while the call was in flight
          }
          long millis =
              answer == null
                  ? state.clock().instant().toEpochMilli() - at.toEpochMilli()
                  : answer.elapsed().toMillis();
          run.deliveries.add(
              new WebhookDelivery(
                  webhook.url().toString(),
                  webhook.method(),
                  answer == null ? 0 : answer.status(),
                  Math.max(0, millis),
                  error,
                  at));
          if (answer != null && run.synchronizedRun() && answer.body().length > 0) {
            run.response = parse(answer.bodyText());
          }
          if (run.finished()) {
            return null; // the backend already reported a final status
          }
          if (answer == null) {
            finish(run, "FAILURE", "Failed to invoke the webhook: " + error);
          } else if (!answer.isSuccessful()) {
            finish(
                run,
                "FAILURE",
                "Failed to invoke the webhook with status code: "
                    + answer.status()
                    + ". Response: "
                    + cut(answer.bodyText()));
          } else if (run.synchronizedRun()) {
            finish(run, "SUCCESS", null);
          }
          return null;
        });
  }

  private void fail(String runId, String summary) {
    state.locked(
        () -> {
          RunRecord run = state.runs.get(runId);
          if (run != null && !run.finished()) {
            finish(run, "FAILURE", summary);
          }
          return null;
        });
  }

  private void finish(RunRecord run, String status, String summary) {
    ObjectNode before = state.runJson(run, false);
    if (summary != null) {
      run.summary = summary;
    }
    run.finish(status, state.clock().instant());
    state.auditRun("UPDATE", run, before, run.createdBy);
  }

  private static JsonNode parse(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      return TextNode.valueOf(text);
    }
  }

  private static String cut(String text) {
    return text.length() <= SUMMARY_BODY_CHARS
        ? text
        : text.substring(0, SUMMARY_BODY_CHARS) + "...";
  }

  // Port's schema allows booleans as strings ("true").
  private static boolean isTrue(JsonNode flag) {
    return flag.isBoolean()
        ? flag.booleanValue()
        : flag.isTextual() && flag.asText().equalsIgnoreCase("true");
  }

  /** Stops the pool; calls in flight may still complete and are then ignored if the run is gone. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
