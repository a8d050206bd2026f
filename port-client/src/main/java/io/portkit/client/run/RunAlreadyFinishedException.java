package io.portkit.client.run;

import io.portkit.client.PortException;
import java.util.Objects;

/**
 * A write was attempted through a {@link RunContext} after the run's final status was set; Port
 * refuses changes to a finished run, so portkit refuses them first. Not retryable.
 */
public class RunAlreadyFinishedException extends PortException {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final FinalStatus finalStatus;

  /**
   * Creates the exception.
   *
   * @param runId the run
   * @param finalStatus the status the run ended with
   * @param attempted what was attempted, for example {@code log}
   */
  public RunAlreadyFinishedException(String runId, FinalStatus finalStatus, String attempted) {
    super(
        "run "
            + runId
            + " already finished with status "
            + finalStatus
            + "; cannot "
            + attempted
            + " after the final status",
        false);
    this.runId = Objects.requireNonNull(runId, "runId == null");
    this.finalStatus = Objects.requireNonNull(finalStatus, "finalStatus == null");
  }

  /** Returns the run id. */
  public String runId() {
    return runId;
  }

  /** Returns the status the run ended with. */
  public FinalStatus finalStatus() {
    return finalStatus;
  }
}
