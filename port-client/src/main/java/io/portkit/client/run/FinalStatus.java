package io.portkit.client.run;

/** The statuses a client may write to end a run; Port accepts no others. */
public enum FinalStatus {
  /** The run succeeded. */
  SUCCESS,
  /** The run failed. */
  FAILURE;

  /** Returns the matching {@link RunStatus}. */
  public RunStatus toRunStatus() {
    return this == SUCCESS ? RunStatus.SUCCESS : RunStatus.FAILURE;
  }
}
