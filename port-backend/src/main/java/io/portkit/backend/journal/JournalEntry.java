package io.portkit.backend.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

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
 */
public record JournalEntry(String runId, String action, JsonNode body, boolean started) {
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
    this(runId, action, body, true);
  }

  /** Returns a copy marked as started. */
  JournalEntry asStarted() {
    return started ? this : new JournalEntry(runId, action, body, true);
  }

  /** Shows identifiers only: the body may hold personal or sensitive inputs. */
  @Override
  public String toString() {
    return "JournalEntry[runId=" + runId + ", action=" + action + (started ? "" : ", queued") + "]";
  }
}
