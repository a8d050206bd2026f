package io.portkit.testkit.internal;

/**
 * Port's rules for changing a run, shared by PATCH run, run logs and entity writes: a finished run
 * is immutable, and a synchronized run's status is set by Port from the webhook response.
 */
final class RunRules {
  private final int finishedRunStatus;

  RunRules(int finishedRunStatus) {
    this.finishedRunStatus = finishedRunStatus;
  }

  /** Throws when {@code run} has a final status and so can no longer be modified. */
  void requireNotFinished(RunRecord run) {
    if (run.finished()) {
      throw new ApiError(
          finishedRunStatus,
          "run_already_finished",
          "Action run \""
              + run.id
              + "\" has already finished with status "
              + run.status
              + " and can no longer be modified");
    }
  }

  /** Throws when entities are tied to {@code run} after it left IN_PROGRESS. */
  void requireTieable(RunRecord run) {
    if (!run.status.equals("IN_PROGRESS")) {
      throw new ApiError(
          finishedRunStatus,
          "run_already_finished",
          "Entities can be tied to action run \""
              + run.id
              + "\" only while it is IN_PROGRESS; it is "
              + run.status);
    }
  }

  /** Throws {@code run_synchronized_error} when a status change targets a synchronized run. */
  void requireStatusSettable(RunRecord run) {
    if (run.synchronizedRun) {
      throw new ApiError(
          422,
          "run_synchronized_error",
          "Action run \""
              + run.id
              + "\" belongs to a synchronized action: Port sets its status from the"
              + " webhook's HTTP response, so return the result from the webhook instead");
    }
  }
}
