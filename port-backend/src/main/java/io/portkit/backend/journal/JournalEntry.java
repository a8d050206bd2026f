package io.portkit.backend.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A run the journal holds as accepted and not finished. Immutable.
 *
 * @param runId the run id, for example {@code r_QOz6WoOB1Q2lmhZZ}
 * @param action the identifier of the route that took the run: the action's identifier, or {@code
 *     *} when the default handler took it
 * @param body the webhook body as received (treat as read-only); holds the user's inputs, so never
 *     log it
 * @param started whether its handler was started: false for a run accepted into the queue and not
 *     started yet, which a restart queues again instead of ending it "backend restarted"
 * @param acceptedAt when the dispatcher accepted the run, so that a run queued again after a
 *     restart keeps counting its wait against its timeout; null when unknown (journals of earlier
 *     versions)
 */
public record JournalEntry(
    String runId, String action, JsonNode body, boolean started, @Nullable Instant acceptedAt) {
  /** Validates the components. */
  public JournalEntry {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(body, "body == null");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId is blank");
    }
  }

  /** Returns the entry of a run whose handler starts as it is accepted. */
  public JournalEntry(String runId, String action, JsonNode body) {
    this(runId, action, body, true, null);
  }

  /** Returns an entry whose acceptance time is unknown. */
  public JournalEntry(String runId, String action, JsonNode body, boolean started) {
    this(runId, action, body, started, null);
  }

  /** Returns a copy marked as started. */
  JournalEntry asStarted() {
    return started ? this : new JournalEntry(runId, action, body, true, acceptedAt);
  }

  /** Shows identifiers only: the body may hold personal or sensitive inputs. */
  @Override
  public String toString() {
    return "JournalEntry[runId=" + runId + ", action=" + action + (started ? "" : ", queued") + "]";
  }
}
