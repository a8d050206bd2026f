package io.portkit.client.run;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a handler ended a run: final status plus the summary and label given with it. In synchronized
 * mode this is what the webhook answer should convey. Immutable.
 *
 * @param status the final status
 * @param summary the summary, or null
 * @param statusLabel the last status label set through the context, or null
 */
public record RunOutcome(
    FinalStatus status, @Nullable String summary, @Nullable String statusLabel) {
  /** Validates the status. */
  public RunOutcome {
    Objects.requireNonNull(status, "status == null");
  }

  /** Returns the summary, if one was given. */
  public Optional<String> summaryText() {
    return Optional.ofNullable(summary);
  }

  /** Returns whether the run succeeded. */
  public boolean isSuccess() {
    return status == FinalStatus.SUCCESS;
  }
}
