package io.portkit.backend.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The status label of one waiting run: sent once when it is queued, replaced once when it starts,
 * and not sent at all if the run started before its turn came (so a burst that drains fast costs no
 * label calls). Thread-safe.
 */
final class QueueLabel {
  private final String text;
  private final AtomicBoolean decided = new AtomicBoolean();
  private volatile CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);

  QueueLabel(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  /** Returns true once, for whoever decides first: the sender (send it) or the start (skip it). */
  boolean decide() {
    return decided.compareAndSet(false, true);
  }

  void sent(CompletableFuture<Void> sent) {
    this.sent = sent;
  }

  /** Completes when the waiting label was sent (or skipped). */
  CompletableFuture<Void> sent() {
    return sent;
  }
}
