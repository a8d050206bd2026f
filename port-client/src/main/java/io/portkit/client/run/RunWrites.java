package io.portkit.client.run;

import io.portkit.client.PortException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one run's writes to Port, holding label, link, summary and external-id writes in {@link
 * PendingWrites} for up to the {@link WriteCoalescing} delay so they go with the next write (ADR
 * 0220). Held fields that Port refuses for good are dropped and reported as a {@link
 * DeferredWriteException}, thrown by the run's next call when no call was waiting (ADR 0221). Not
 * thread-safe on its own: every method but the timer's runs under the run's lock, which {@link
 * ApiRunContext} holds; the timer takes that lock itself.
 */
final class RunWrites {
  private static final Logger log = LoggerFactory.getLogger(RunWrites.class);

  private final String runId;
  private final RunsApi runs;
  private final WriteCoalescing coalescing;
  private final Lock lock;
  private final BooleanSupplier finished;
  private final PendingWrites pending = new PendingWrites();
  private final List<String> links = new ArrayList<>(); // as Port has them
  private @Nullable String lastLabel; // as Port has it
  private @Nullable DeferredWriteException refused;

  RunWrites(
      String runId, RunsApi runs, WriteCoalescing coalescing, Lock lock, BooleanSupplier finished) {
    this.runId = runId;
    this.runs = runs;
    this.coalescing = coalescing;
    this.lock = lock;
    this.finished = finished;
  }

  /** Throws, once, the refusal of a held write that no call was waiting for. */
  void throwRefused() {
    DeferredWriteException earlier = refused;
    if (earlier != null) {
      refused = null;
      throw earlier;
    }
  }

  /** Sends a log line, with the held label on it when only a label is held. */
  void log(String message) {
    if (!pending.onlyLabel()) {
      sendPending(); // links and the rest reach Port before the line that follows them
      runs.addLog(runId, RunLog.of(message));
      return;
    }
    // Port's log route sets the label too: the label shows with the line that follows it.
    String label = pending.statusLabel();
    try {
      runs.addLog(runId, new RunLog(message, null, label));
    } catch (PortException e) {
      if (!e.isRetryable()) {
        pending.clear(); // refused for good with the line: it must not block later writes
      }
      throw e;
    }
    lastLabel = label;
    pending.clear();
  }

  /** Holds the status-less {@code update} for the next write; sends it when coalescing is off. */
  void hold(RunUpdate update) {
    Duration delay = coalescing.maxDelay();
    if (delay.isZero()) {
      sendWithHeld(update);
      return;
    }
    if (pending.merge(update)) {
      long batch = pending.batch();
      try {
        coalescing.scheduler().schedule(delay, () -> flushHeld(batch));
      } catch (RejectedExecutionException e) {
        sendPending(); // the client is closed: no timer left, so send it now
      }
    }
  }

  /** Sends {@code update} now in one PATCH with every held field it does not set. */
  void sendWithHeld(RunUpdate update) {
    sendCarryingHeld(pending.under(update));
  }

  /** Sends what is held, if anything. */
  void sendPending() {
    if (!pending.isEmpty()) {
      sendCarryingHeld(pending.toUpdate());
    }
  }

  /** Returns {@code last} with the held fields it does not set, without sending anything. */
  RunUpdate withHeld(RunUpdate last) {
    return pending.under(last);
  }

  /**
   * Sends {@code update}, which carries every held field, and forgets them. A refusal for good (not
   * retryable) drops them too, so they cannot block the writes after it, and is thrown as a {@link
   * DeferredWriteException} naming them; a transient failure keeps them (ADR 0221).
   */
  void sendCarryingHeld(RunUpdate update) {
    if (pending.isEmpty()) {
      if (!update.isEmpty()) {
        send(update);
      }
      return;
    }
    String fields = pending.fieldNames();
    try {
      send(update);
    } catch (RunSynchronizedException e) {
      throw e; // about the status, not the held fields: the caller explains it
    } catch (PortException e) {
      if (e.isRetryable()) {
        throw e;
      }
      pending.clear();
      throw new DeferredWriteException(runId, fields, e);
    }
    pending.clear();
  }

  /** Returns the links including held ones: what Port shows once they are sent. */
  List<String> currentLinks() {
    List<String> held = pending.links();
    return held != null ? held : links;
  }

  /** Returns the last label Port took, or null. */
  @Nullable String lastLabel() {
    return lastLabel;
  }

  private void send(RunUpdate update) {
    runs.update(runId, update);
    if (update.links() != null) {
      links.clear();
      links.addAll(update.links());
    }
    if (update.statusLabel() != null) {
      lastLabel = update.statusLabel();
    }
  }

  /** The timer's flush of batch {@code batch}, if it is still held; no caller waits for it. */
  private void flushHeld(long batch) {
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // the scheduler is shutting down; the held writes go with the run's next write
    }
    try {
      if (finished.getAsBoolean() || pending.isEmpty() || pending.batch() != batch) {
        return; // already sent with a later write
      }
      String fields = pending.fieldNames();
      try {
        sendPending();
      } catch (DeferredWriteException e) {
        refuse(e); // refused for good, and dropped
      } catch (PortException e) {
        log.warn(
            "run {}: sending the held {} failed ({}); kept, to go with the run's next write",
            runId,
            fields,
            e.toString());
      } catch (RuntimeException e) {
        pending.clear();
        refuse(
            new DeferredWriteException(runId, fields, new PortException(e.toString(), false, e)));
      }
    } finally {
      lock.unlock();
    }
  }

  private void refuse(DeferredWriteException e) {
    refused = e;
    log.warn(
        "run {}: Port refused the held {} ({}); the run's next call throws it",
        runId,
        e.fields(),
        String.valueOf(e.getCause()));
  }
}
