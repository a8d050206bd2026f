package io.portkit.client.run;

import java.time.Instant;
import java.util.Objects;

/**
 * A run handed to another system (a CI pipeline, a Terraform run, a ticket) that will say, later,
 * how it ended: the id that system knows the work by, the time by which it must say so, and who is
 * expected to say it, for the summary if nothing comes. Immutable.
 *
 * <pre>{@code
 * String job = ci.start(pipeline);
 * ctx.handOff(HandOff.of(job, clock.instant().plus(Duration.ofHours(2)), "the CI's callback"));
 * // returning now leaves the run IN_PROGRESS until the CI calls back, or the deadline passes
 * }</pre>
 *
 * @param externalRunId the other system's id for the work; sent to Port as the run's {@code
 *     externalRunId}, so the run can be found by it
 * @param deadline when the run ends FAILURE if no completion came
 * @param expectedFrom who or what is expected to complete the run, for example {@code "the CI
 *     system's callback to /callbacks/ci"}; named in the summary when the deadline passes
 */
public record HandOff(String externalRunId, Instant deadline, String expectedFrom) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code externalRunId} or {@code expectedFrom} is blank
   */
  public HandOff {
    Objects.requireNonNull(externalRunId, "externalRunId == null");
    Objects.requireNonNull(deadline, "deadline == null");
    Objects.requireNonNull(expectedFrom, "expectedFrom == null");
    if (externalRunId.isBlank()) {
      throw new IllegalArgumentException("externalRunId is blank: pass the other system's job id");
    }
    if (expectedFrom.isBlank()) {
      throw new IllegalArgumentException(
          "expectedFrom is blank: say who will complete the run, for the summary if nobody does");
    }
  }

  /** Returns a hand-off of the work {@code externalRunId}, due by {@code deadline}. */
  public static HandOff of(String externalRunId, Instant deadline, String expectedFrom) {
    return new HandOff(externalRunId, deadline, expectedFrom);
  }
}
