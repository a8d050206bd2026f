package io.portkit.backend.callback;

import io.portkit.backend.dispatch.HandOffResult;
import java.util.Objects;

/**
 * What a callback says: which handed-off run (by the other system's id, or by run id) and how it
 * ended. Immutable.
 *
 * @param id the external run id, or the run id when {@code byRunId}
 * @param byRunId whether {@code id} is the run id
 * @param result how the run ended
 */
public record CallbackCompletion(String id, boolean byRunId, HandOffResult result) {
  /** Validates the components. */
  public CallbackCompletion {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(result, "result == null");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id is blank: the callback names no run");
    }
  }

  /** Returns a completion of the run handed off as {@code externalRunId}. */
  public static CallbackCompletion ofExternalId(String externalRunId, HandOffResult result) {
    return new CallbackCompletion(externalRunId, false, result);
  }

  /** Returns a completion of the run {@code runId}. */
  public static CallbackCompletion ofRunId(String runId, HandOffResult result) {
    return new CallbackCompletion(runId, true, result);
  }
}
