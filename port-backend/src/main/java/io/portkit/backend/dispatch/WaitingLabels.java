package io.portkit.backend.dispatch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a waiting run why it waits ("queued, 37 ahead", "waiting for r_abc (same concurrency key:
 * checkout)") with one status-label PATCH when it is queued, and one more when it starts ("started
 * after waiting 12 s"), so the label never lies; never on every move in the queue, since Port's
 * rate limit is per organization. A label still unsent when its run starts is dropped along with
 * the second one. Best effort, on its own few threads: a label Port refuses is logged at DEBUG and
 * changes nothing about the run. Thread-safe.
 */
final class WaitingLabels implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WaitingLabels.class);
  private static final int THREADS = 2;
  private static final Duration SENT_WAIT = Duration.ofSeconds(5);

  private final boolean enabled;
  private final ExecutorService senders;

  WaitingLabels(boolean enabled) {
    this.enabled = enabled;
    this.senders = HandlerExecutors.labels(THREADS);
  }

  /** Sends {@code text} as the label of {@code run}, which waits from now; call before queueing. */
  void queued(ActiveRun run, String text) {
    if (!enabled || run.route().sync()) {
      return;
    }
    QueueLabel label = new QueueLabel(text);
    run.label(label);
    CompletableFuture<Void> sent = new CompletableFuture<>();
    label.sent(sent); // before it can run, so the started label always follows it
    try {
      senders.execute(
          () -> {
            try {
              if (label.decide()) {
                send(run, label.text());
              }
            } finally {
              sent.complete(null);
            }
          });
    } catch (RejectedExecutionException e) {
      label.decide(); // shutting down: no label
      sent.complete(null);
    }
  }

  /**
   * Replaces the waiting label of {@code run}, which starts now, if it was shown: on the starting
   * thread, before the handler runs, so it never overwrites a label the handler sets.
   */
  void started(ActiveRun run) {
    QueueLabel label = run.label();
    if (label == null || label.decide()) {
      return; // never shown: nothing to correct
    }
    try {
      label.sent().get(SENT_WAIT.toMillis(), TimeUnit.MILLISECONDS); // after the waiting label
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException | TimeoutException e) {
      log.debug(
          "run {}: its waiting label is still being sent; started label skipped", run.runId());
      return;
    }
    send(run, RunQueueMessages.startedLabel(run));
  }

  private static void send(ActiveRun run, String text) {
    if (run.context().isFinished()) {
      return;
    }
    try {
      run.context().statusLabel(text);
    } catch (RuntimeException e) {
      log.debug("run {}: status label \"{}\" not set ({})", run.runId(), text, e.toString());
    }
  }

  @Override
  public void close() {
    senders.shutdownNow();
  }
}
