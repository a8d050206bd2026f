package io.portkit.client.run;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The PATCH fields of one run held back for coalescing (ADR 0220): the last label, the whole link
 * list, the last summary and external id. Each field keeps only its latest value, as Port does on a
 * PATCH, so merging writes changes nothing a user sees but the number of calls. A batch starts with
 * the first write held after a send; its number lets a timer tell whether its batch is still the
 * one held. Not thread-safe: guarded by the run's lock in {@link ApiRunContext}.
 */
final class PendingWrites {
  private @Nullable String statusLabel;
  private @Nullable List<String> links;
  private @Nullable String summary;
  private @Nullable String externalRunId;
  private long batch;

  /** Returns whether nothing is held. */
  boolean isEmpty() {
    return statusLabel == null && links == null && summary == null && externalRunId == null;
  }

  /** Returns whether only a label is held: it can ride on a log line instead of a PATCH. */
  boolean onlyLabel() {
    return statusLabel != null && links == null && summary == null && externalRunId == null;
  }

  /** Returns the number of the batch held now; it changes each time a new batch starts. */
  long batch() {
    return batch;
  }

  /** Returns the held label, or null. */
  @Nullable String statusLabel() {
    return statusLabel;
  }

  /** Returns the held link list (the whole list to send), or null when links are not held. */
  @Nullable List<String> links() {
    return links;
  }

  /**
   * Merges the status-less {@code update} into what is held, later values winning.
   *
   * @return whether this started a new batch (nothing was held before)
   */
  boolean merge(RunUpdate update) {
    boolean starts = isEmpty();
    if (starts) {
      batch++;
    }
    if (update.statusLabel() != null) {
      statusLabel = update.statusLabel();
    }
    if (update.links() != null) {
      links = update.links();
    }
    if (update.summary() != null) {
      summary = update.summary();
    }
    if (update.externalRunId() != null) {
      externalRunId = update.externalRunId();
    }
    return starts;
  }

  /** Returns everything held as one PATCH body, without a status. */
  RunUpdate toUpdate() {
    return new RunUpdate(null, statusLabel, links, summary, externalRunId);
  }

  /** Returns {@code last} with the held fields it does not set itself: one PATCH for both. */
  RunUpdate under(RunUpdate last) {
    return new RunUpdate(
        last.status(),
        last.statusLabel() != null ? last.statusLabel() : statusLabel,
        last.links() != null ? last.links() : links,
        last.summary() != null ? last.summary() : summary,
        last.externalRunId() != null ? last.externalRunId() : externalRunId);
  }

  /** Returns the names of the held fields, for messages; never their values. */
  String fieldNames() {
    List<String> names = new ArrayList<>();
    if (statusLabel != null) {
      names.add("statusLabel");
    }
    if (links != null) {
      names.add("link");
    }
    if (summary != null) {
      names.add("summary");
    }
    if (externalRunId != null) {
      names.add("externalRunId");
    }
    return String.join(", ", names);
  }

  /** Forgets everything held (sent, or refused for good). */
  void clear() {
    statusLabel = null;
    links = null;
    summary = null;
    externalRunId = null;
  }
}
