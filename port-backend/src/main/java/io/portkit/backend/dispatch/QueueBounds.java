package io.portkit.backend.dispatch;

import io.portkit.backend.journal.RunJournal;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** The default of {@code maxQueued} and the check that keyed handlers can wait (ADR 0230). */
final class QueueBounds {
  private QueueBounds() {}

  /** Returns {@code set}, or the default: 10,000 with a journal, 0 without. */
  static int maxQueued(@Nullable Integer set, @Nullable RunJournal journal) {
    if (set != null) {
      return set;
    }
    return journal != null
        ? RunDispatcher.Builder.DEFAULT_MAX_QUEUED_WITH_JOURNAL
        : RunDispatcher.Builder.DEFAULT_MAX_QUEUED_WITHOUT_JOURNAL;
  }

  /**
   * Refuses a dispatcher where a handler declares a concurrency key but no run may wait.
   *
   * @throws IllegalStateException naming the action and the two ways out
   */
  static void requireQueueForKeys(Collection<Route> routes, int maxQueued) {
    if (maxQueued > 0) {
      return;
    }
    for (Route r : routes) {
      if (r.options().concurrencyKey() != null) {
        throw new IllegalStateException(
            "action "
                + r.action()
                + " declares a concurrency key, so its runs may wait, but this dispatcher queues"
                + " none (maxQueued=0, the default without a journal): call journal(...) (up to"
                + " 10,000 runs wait) or maxQueued(n)");
      }
    }
  }
}
