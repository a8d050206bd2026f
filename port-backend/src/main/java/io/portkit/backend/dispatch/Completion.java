package io.portkit.backend.dispatch;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a request to complete a handed-off run ({@link HandOffs#complete}, {@link
 * HandOffs#completeRun}): whether it ended the run, and if not, why. Only {@link Kind#COMPLETED}
 * changed anything. Immutable.
 *
 * @param kind what happened
 * @param runId the run the request was about, or null when none was found
 * @param message what happened, naming the run and, when it did not complete, what to do; safe to
 *     send back to the caller (no secret, no body)
 */
public record Completion(Kind kind, @Nullable String runId, String message) {
  /** What a completion request did. */
  public enum Kind {
    /** The run was awaited and now has the final status given. */
    COMPLETED(false),
    /** The run had already ended (completed before, or failed at its deadline): nothing changed. */
    ALREADY_FINISHED(false),
    /** The run's deadline passed before the completion came: it ends (or ended) FAILURE. */
    PAST_DEADLINE(false),
    /** No run is known by that id, here or in Port. */
    NOT_FOUND(false),
    /** The run was found but Port did not take the final status: it is still awaited, try again. */
    REPORT_FAILED(true);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Returns whether sending the same completion again later can succeed. */
    public boolean isRetryable() {
      return retryable;
    }
  }

  /** Validates the components. */
  public Completion {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(message, "message == null");
  }

  /** Returns whether this request ended the run. */
  public boolean isCompleted() {
    return kind == Kind.COMPLETED;
  }
}
