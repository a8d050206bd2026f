package io.portkit.backend.journal;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A run its handler handed to another system: accepted, not finished, and awaited until a
 * completion names it or its deadline passes. The journal keeps it across restarts. Immutable.
 *
 * @param runId the run id, for example {@code r_QOz6WoOB1Q2lmhZZ} or a workflow node run's {@code
 *     wfnr_...}
 * @param action the identifier of the route that took the run
 * @param externalRunId the other system's id for the work
 * @param deadline when the run ends FAILURE if no completion came
 * @param expectedFrom who is expected to complete it, as the handler said
 * @param concurrencyKey the run's concurrency key ({@link
 *     io.portkit.backend.dispatch.HandlerOptions#concurrencyKey}), held until the hand-off ends so
 *     that no other run of the key starts meanwhile; null when its route has none
 */
public record HandedOffRun(
    String runId,
    String action,
    String externalRunId,
    Instant deadline,
    String expectedFrom,
    @Nullable String concurrencyKey) {
  /** A hand-off of a run without a concurrency key. */
  public HandedOffRun(
      String runId, String action, String externalRunId, Instant deadline, String expectedFrom) {
    this(runId, action, externalRunId, deadline, expectedFrom, null);
  }

  /** Validates the components. */
  public HandedOffRun {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(externalRunId, "externalRunId == null");
    Objects.requireNonNull(deadline, "deadline == null");
    Objects.requireNonNull(expectedFrom, "expectedFrom == null");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId is blank");
    }
  }
}
