package io.portkit.client.run;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/actions/runs/{id}/logs}. A log with a {@code terminationStatus} ends
 * the run and can be sent only once. Immutable.
 *
 * @param message the log line; not null
 * @param terminationStatus the final status to set, or null for a plain log line
 * @param statusLabel the label to set, or null
 */
public record RunLog(
    String message, @Nullable FinalStatus terminationStatus, @Nullable String statusLabel) {
  /** Validates the message. */
  public RunLog {
    Objects.requireNonNull(message, "message == null");
  }

  /** Returns a plain log line. */
  public static RunLog of(String message) {
    return new RunLog(message, null, null);
  }
}
